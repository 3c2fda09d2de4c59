#!/usr/bin/env bash
# Builds the playground: one self-contained HTML page running AI-ANNE's core and host code
# compiled to WebAssembly (docs/playground.md). Prints the page's path as its last line.
# Usage: scripts/playground.sh [BUILD_DIR]   (default build/playground)
set -euo pipefail
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/build/playground}" && cd "${1:-$root/build/playground}" && pwd)
command -v em++ >/dev/null || { echo "playground: em++ not found; run scripts/setup.sh" >&2; exit 1; }
# Debian's emscripten finds its JavaScript helpers (acorn) through NODE_PATH; a node from
# another source (NodeSource) does not look in /usr/share/nodejs by itself.
export NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
nice make -s -f "$root/web/Makefile" OUT="$out" -j"$(nproc)" "$out/playground.html" >&2
echo "playground: $(du -k "$out/playground.html" | cut -f1) KiB" >&2
echo "$out/playground.html"
