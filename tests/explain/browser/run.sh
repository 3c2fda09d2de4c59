#!/usr/bin/env bash
# Runs report_test.mjs, or skips (exit 77, CTest's SKIP_RETURN_CODE) with the setup line to run
# when Node.js, Debian's Chromium or the test's npm packages are missing.
# Usage: run.sh ANNE_EXE SOURCE_DIR OUT_DIR [SCREENSHOT.png]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null; then
  echo "SKIPPED: node not found (apt-get install nodejs npm)"
  exit 77
fi
if [ ! -x "$chromium" ]; then
  echo "SKIPPED: $chromium not found (apt-get install chromium)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/pngjs" ]; then
  echo "SKIPPED: the browser test's packages are missing (npm ci --prefix tests/explain/browser)"
  exit 77
fi
exec node "$here/report_test.mjs" "$@"
