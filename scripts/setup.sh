#!/usr/bin/env bash
# Installs what AI-ANNE needs on Debian 12: as root it runs apt-get; otherwise it prints the
# exact apt-get line to run and stops. Usage: scripts/setup.sh [--demo]
#   --demo: only what building the anne program needs (scripts/demo.sh), not the tests' tools.
set -euo pipefail

packages=(
  # build
  cmake g++ make ninja-build pkg-config clang-format
  # host libraries
  nlohmann-json3-dev libcli11-dev libcsv-dev libhdf5-dev libzip-dev
  # ONNX import and export (the protobuf classes of onnx.proto)
  libonnx-dev libprotobuf-dev
  # the ONNX golden suite's generator (tests/golden/onnx/generate.py)
  python3-onnx python3-numpy
  # batch kernels: OpenBLAS through CBLAS for large products (optional for the build)
  libopenblas-dev
  # tests and benchmarks
  libgtest-dev libbenchmark-dev
  # correctly rounded reference for the elementary functions' accuracy sweep (tools/ulp_sweep)
  libmpfr-dev
  # the report's and the playground's browser tests (headless, driven by playwright-core and,
  # for Firefox, puppeteer-core)
  chromium firefox-esr
  # the playground: the core compiled to WebAssembly (scripts/playground.sh)
  emscripten
  # microcontroller builds and their emulation
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm
  # WebAssembly: the bit-identity tests and the playground (run under Node)
  emscripten
)
# fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizers' runtimes
packages+=(clang libclang-rt-14-dev)
if [ "${1:-}" = "--demo" ]; then
  packages=(cmake g++ ninja-build pkg-config nlohmann-json3-dev libcli11-dev libcsv-dev
            libhdf5-dev libzip-dev libonnx-dev libprotobuf-dev)
fi
# Node.js with npm (for MicroPython's WebAssembly port and the TensorFlow.js tools): any
# install that provides both commands will do, Debian's packages otherwise.
if [ "${1:-}" != "--demo" ] && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "AI-ANNE needs these Debian packages; please run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all Debian packages present"

# npm packages the tests run (versions pinned by each package-lock.json; node_modules is
# git-ignored): MicroPython's WebAssembly port, for the exported MicroPython code,
# playwright-core, which drives Chromium in the report's and the playground's browser tests,
# rp2040js, the RP2040 emulated with cycle counts, for the device tests and benchmarks, and
# onnxruntime-node, which runs the exported ONNX files (its install script downloads from
# outside and is not needed: the CPU binaries are in the package, hence --ignore-scripts).
root=$(cd "$(dirname "$0")/.." && pwd)
[ "${1:-}" = "--demo" ] && exit 0
for dir in tests/mcu/micropython tests/explain/browser tests/web tests/mcu/rp2040 tests/golden/onnx; do
  if [ ! -d "$root/$dir/node_modules" ] || [ "$root/$dir/package-lock.json" -nt "$root/$dir/node_modules" ]; then
    echo "setup: npm ci in $dir"
    npm ci --prefix "$root/$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  fi
done
