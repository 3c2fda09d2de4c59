#!/usr/bin/env bash
# The benchmarks, side by side with the peers, in one run (bench/README.md):
#   1. builds anne's Release benchmarks (Google Benchmark) in build-bench/
#   2. writes the shared networks, weights and data for the peers (bench_fixtures)
#   3. runs anne's benchmarks, then the peers on the same fixtures: the original AI-ANNE
#      algorithm under MicroPython (WebAssembly, Node) and CPython, TensorFlow.js Layers, PyTorch
#   4. runs the closest comparisons (anne's predictions, PyTorch's batches) a second time
#   5. prints the table of times and ratios and writes it into docs/performance.md
# Usage: bench/run.sh [--no-docs] [--skip-peers]
# Needs: scripts/setup.sh's packages (libbenchmark-dev, libopenblas-dev, nodejs/npm). For the
# PyTorch peer also Debian's python3-torch with libopenblas0-pthread (installed here when run as
# root; otherwise the peer is left out with a message).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ANNE_BENCH_BUILD:-$root/build-bench}
out=$build/results
docs=1
peers=1
usage="usage: bench/run.sh [--no-docs] [--skip-peers]
  --no-docs     print the table, leave docs/performance.md as it is
  --skip-peers  anne's benchmarks only
Environment: ANNE_BENCH_BUILD, the build folder (default build-bench/). See bench/README.md."
for arg in "$@"; do
  case $arg in
  --no-docs) docs=0 ;;
  --skip-peers) peers=0 ;;
  -h | --help) echo "$usage"; exit 0 ;;
  *) echo "$usage" >&2; exit 2 ;;
  esac
done
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
python=/usr/bin/python3 # Debian's CPython: python3-torch is installed for it
stage() { echo "== [$(($(date +%s) - started)) s] $*"; }

stage "building the Release benchmarks in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target bench -j"$(nproc)" >/dev/null
rm -rf "$out" && mkdir -p "$out"
"$build/bench/bench_fixtures" "$out"
peers_file=$out/peers.jsonl
: >"$peers_file"
log=$out/peers.log

run_peer() { # name, command...: appends the peer's JSON lines; a failing peer is reported, not fatal
  local name=$1
  shift
  stage "peer: $name"
  if ! "$@" >>"$peers_file" 2>>"$log"; then
    echo "   $name failed; see $log" >&2
  fi
}

if [ $peers = 1 ]; then
  if ! command -v node >/dev/null; then
    echo "   node is missing (scripts/setup.sh installs it): MicroPython and TensorFlow.js left out" >&2
  elif [ ! -d "$root/bench/peers/node_modules" ]; then
    stage "npm ci in bench/peers (pinned by package-lock.json)"
    (cd "$root/bench/peers" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if ! $python -c "import torch" 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
      stage "installing python3-torch and libopenblas0-pthread (Debian) for the PyTorch peer"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        python3-torch libopenblas0-pthread >/dev/null
    else
      echo "   PyTorch peer left out: install Debian's python3-torch and libopenblas0-pthread" \
        "(without OpenBLAS, torch falls back to the reference BLAS and looks ~20x slower)" >&2
    fi
  fi
fi

# Best of 10 repetitions of at least 0.1 s each, as the peers take the best of up to 10 rounds
# of about 0.1 s: on a machine with other work, both get the same chances of a quiet moment.
stage "anne (Google Benchmark, best of 10 repetitions)"
"$build/bench/anne_bench" --benchmark_repetitions=10 --benchmark_min_time=0.1 \
  --benchmark_out="$out/anne.json" --benchmark_out_format=json >"$out/anne.txt" 2>&1 || {
  cat "$out/anne.txt" >&2
  exit 1
}

if [ $peers = 1 ]; then
  cd "$root/bench/peers"
  if command -v node >/dev/null; then
    run_peer "MicroPython (original algorithm)" node micropython_peer.mjs "$out"
  fi
  run_peer "CPython (original algorithm)" $python original_cpython.py "$out"
  if command -v node >/dev/null; then
    run_peer "TensorFlow.js" node tfjs_peer.mjs "$out"
  fi
  if $python -c "import torch" 2>/dev/null; then
    run_peer "PyTorch" $python torch_peer.py "$out"
  fi
  cd "$root"
fi

# Second pass of the closest comparisons, alternating: anne's predictions, then PyTorch's
# batches. On a machine with other work the load drifts; each system keeps its best pass.
stage "anne, second pass (predictions)"
"$build/bench/anne_bench" --benchmark_repetitions=10 --benchmark_min_time=0.1 \
  --benchmark_filter='iris|batch_predict' --benchmark_out="$out/anne2.json" \
  --benchmark_out_format=json >"$out/anne2.txt" 2>&1
if [ $peers = 1 ] && $python -c "import torch" 2>/dev/null; then
  (cd "$root/bench/peers" && run_peer "PyTorch, second pass (batches)" $python torch_peer.py "$out" --batches)
fi

stage "report"
args=(--anne "$out/anne.json" "$out/anne2.json" --peers "$peers_file" --command "bench/run.sh $*"
  --seconds $(($(date +%s) - started)) --load-start "$load_start")
[ $docs = 1 ] && args+=(--docs "$root/docs/performance.md")
$python "$root/bench/report.py" "${args[@]}"
