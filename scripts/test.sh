#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install, build, and run every test —
# the release build, the same tests under AddressSanitizer + UndefinedBehaviorSanitizer,
# the formatting check, and a short run of every fuzz target. CI runs exactly this (.ci/run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
jobs=$(nproc)

echo "== formatting (clang-format, .clang-format) (at ${SECONDS} s)"
# Files that `anne export` generated (committed examples, pinned by a test) are left as made.
git ls-files -- '*.cpp' '*.hpp' '*.h' '*.c' | grep -v '^tests/golden/' |
  xargs grep -L "made by \`anne export\`" | xargs clang-format --dry-run --Werror

echo "== release build and tests (at ${SECONDS} s)"
scripts/build.sh build
(cd build && ctest -j"$jobs" --output-on-failure)

echo "== the same tests with AddressSanitizer and UndefinedBehaviorSanitizer (at ${SECONDS} s)"
# Without the benchmarks (no test runs them; the release stage compiles them): 10 files less.
scripts/build.sh build-sanitize -DANNE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON
# allocator_may_return_null: a huge allocation (a damaged file's sizes) throws std::bad_alloc as
# in the release build, which anne reports as an error, instead of ASan aborting the program.
# Three import tests are left to the release stage: under the sanitizers they took 700 s of the
# suite's 20 minutes (hundreds of imports of real and damaged files, whose self-test search runs
# ten times slower there). They run in the release stage above, and the TF.js, Keras config and
# .keras readers they drive are fuzzed under ASan and UBSan below.
slow='ImportRealFiles.TfjsFilesImportWithTheirShardsWeights|ImportCli.DamagedHdf5NeverCrashesTheProgram'
slow+='|ImportKerasModels.ImportAndMatchExpectedOutputs'
(cd build-sanitize && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest -j"$jobs" --output-on-failure -E "$slow")

echo "== fuzzing smoke run: every reader's libFuzzer target for 10 s (scripts/fuzz.sh) (at ${SECONDS} s)"
scripts/fuzz.sh 10
echo "== all stages passed in ${SECONDS} s"
