#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install, build, run `anne demo`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" >/dev/null
exec "$root/build/anne" demo "$@"
