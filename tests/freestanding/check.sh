#!/usr/bin/env bash
# Compiles and links core_program.cpp with the given compiler and flags, then checks that the
# image references no heap (malloc, operator new) and no exceptions (__cxa_throw).
# Usage: check.sh OUT_DIR CXX NM [flags...]. Exits 77 (skipped) when the compiler is missing.
set -euo pipefail
out=$1 cxx=$2 nm=$3
shift 3
if ! command -v "$cxx" >/dev/null; then
  echo "SKIPPED: $cxx not found (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
"$cxx" -std=c++17 -Wall -Wextra -Wpedantic -Werror -fno-exceptions -fno-rtti -Os \
  -I "$here/../../include" "$@" "$here/core_program.cpp" -o "$out/core_program"
symbols=$("$nm" "$out/core_program")
bad=$(grep -E ' (malloc|_malloc_r|calloc|realloc|free|_Znw[jm]|_Zna[jm]|__cxa_throw|__cxa_allocate_exception)$' <<<"$symbols" || true)
if [ -n "$bad" ]; then
  echo "FAILED: the core pulls in heap or exception symbols:"
  echo "$bad"
  exit 1
fi
echo "ok: $cxx $* -> no malloc, operator new or __cxa_throw ($(wc -l <<<"$symbols") symbols)"
