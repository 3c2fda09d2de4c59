#!/usr/bin/env bash
# Configures and builds AI-ANNE. Usage: scripts/build.sh [BUILD_DIR [cmake options...]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build}
shift || true
# Ninja where it is installed (scripts/setup.sh installs it): unlike make, it compiles a target's
# files while the libraries they link are still compiling, so both cores stay busy. A folder
# keeps the generator it was configured with.
generator=()
if [ ! -f "$dir/CMakeCache.txt" ] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
