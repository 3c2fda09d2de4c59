#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with clang, AddressSanitizer and UndefinedBehavior-
# Sanitizer) and runs each for SECONDS (default 60), starting from its committed seed
# corpus and dictionary. Exits non-zero if any target finds a crash, a leak, a sanitizer report,
# an input slower than 10 s or one needing more than 2 GB, or hangs (libFuzzer has been seen
# to hang after a sanitizer report: each run is stopped SECONDS + 120 s after its start). The
# targets run side by side, one per core. Usage:
#   scripts/fuzz.sh [SECONDS [TARGET...]]      TARGET: model_file csv tfjs ... (default: all)
# ANNE_FUZZ_BUILD sets the build folder (default build-fuzz); the corpus grown by a run and any
# failing input (crash-*, leak-*, timeout-*, oom-*) are kept in its work/ folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build=${ANNE_FUZZ_BUILD:-$root/build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for dict in "$root"/fuzz/*.dict; do targets+=("$(basename "$dict" .dict)"); done
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DANNE_FUZZ=ON -DANNE_WERROR=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_all >/dev/null

# The TensorFlow.js target writes its shard files under TMPDIR; a crash leaves them there.
export TMPDIR="$build/work/tmp"
mkdir -p "$TMPDIR"
# Runs target $1 for $seconds and writes its exit status to work/TARGET/status.
run_target() {
  local t=$1 work="$build/work/$1" status=0
  mkdir -p "$work/corpus"
  # New inputs go to the first corpus folder (work/), so the committed seeds stay as they are.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    timeout --kill-after=10 $((seconds + 120)) "$build/fuzz/fuzz_$t" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -dict="$root/fuzz/$t.dict" -artifact_prefix="$work/" \
    -print_final_stats=1 "$work/corpus" "$root/fuzz/corpus/$t" >"$work/log" 2>&1 || status=$?
  echo "$status" >"$work/status"
}

# As many targets at a time as there are cores (each fuzzer is one process), then the reports
# in the targets' order.
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$(nproc)" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait
failed=()
for t in "${targets[@]}"; do
  work="$build/work/$t"
  echo "== fuzz $t: $seconds s"
  status=$(cat "$work/status")
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      echo "fuzz $t: still running $((seconds + 120)) s after its start, stopped (a hang)" >&2
    fi
    grep -E "ERROR|SUMMARY|Test unit written|terminate called|what\(\)" "$work/log" | head -20 >&2 || true
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/log" | tr '\n' ' ' || true
  grep -Eo "cov: [0-9]+" "$work/log" | tail -1 || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in $build/work/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no findings"
