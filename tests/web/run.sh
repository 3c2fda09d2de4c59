#!/usr/bin/env bash
# Builds the playground and runs playground_test.mjs (Chromium) and firefox_test.mjs, or skips (exit 77, CTest's
# SKIP_RETURN_CODE) with the setup line to run when emscripten, Node.js, Debian's Chromium or
# the test's npm packages are missing.
# Usage: run.sh ANNE_EXE SOURCE_DIR OUT_DIR [SCREENSHOT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
anne=$1 source=$2 out=$3
chromium=${CHROMIUM:-/usr/bin/chromium}
for tool in node em++; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: $tool not found (scripts/setup.sh installs it)"
    exit 77
  fi
done
if [ ! -x "$chromium" ]; then
  echo "SKIPPED: $chromium not found (apt-get install chromium)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/pngjs" ] ||
  [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "SKIPPED: the browser test's packages are missing (npm ci --prefix tests/web)"
  exit 77
fi
# The page is built where scripts/playground.sh puts it, so that a page already built by that
# script is reused rather than compiled again.
page=$("$source/scripts/playground.sh" | tail -n 1)
status=0
node "$here/playground_test.mjs" "$anne" "$source" "$page" "$out" "${@:4}" || status=1
firefox=${FIREFOX:-/usr/bin/firefox-esr}
if [ -x "$firefox" ]; then
  node "$here/firefox_test.mjs" "$anne" "$source" "$page" "$out" || status=1
else
  echo "firefox: not tested, $firefox not found (apt-get install firefox-esr)"
fi
exit $status
