#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install, build, run `anne demo`. It installs only what
# the anne program needs and builds only it (no tests: scripts/test.sh installs and builds all),
# its command-line sources at -O1 (ANNE_LEAN_BUILD, CMakeLists.txt). Ninja, unlike make, compiles
# the program's own unity file while the library's are still compiling (two cores both busy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --demo
generator=()
[ -f "$root/build-demo/CMakeCache.txt" ] || generator=(-G Ninja)  # a folder keeps its generator
cmake -S "$root" -B "$root/build-demo" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF -DANNE_LEAN_BUILD=ON >/dev/null
cmake --build "$root/build-demo" -j"$(nproc)" --target anne >/dev/null
exec "$root/build-demo/anne" demo "$@"
