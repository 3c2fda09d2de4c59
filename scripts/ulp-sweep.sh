#!/usr/bin/env bash
# The exhaustive accuracy check of the core's elementary functions (docs/elementary.md): every
# one of the 2^32 floats through exp, expm1, log, log1p, tanh, logistic and erf, compared with
# the correctly rounded result (glibc's double where provably right, MPFR otherwise). One
# thread at the lowest priority; about 20 minutes of CPU time on an x86-64 core.
#
# Usage: scripts/ulp-sweep.sh [BUILD_DIR] [ulp_sweep options: --stride N, function names]
#   e.g. scripts/ulp-sweep.sh build --stride 4099 erf    (a quick look at one function)
# Needs MPFR (Debian: libmpfr-dev, installed by scripts/setup.sh).
set -euo pipefail
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build
case "${1:-}" in
  "" | -* | exp | expm1 | log | log1p | tanh | logistic | erf) ;;
  *) dir=$1; shift ;;
esac
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$dir" --target ulp_sweep >/dev/null
if [ ! -x "$dir/tools/ulp_sweep/ulp_sweep" ]; then
  echo "ulp-sweep: no $dir/tools/ulp_sweep/ulp_sweep (is libmpfr-dev installed?)" >&2
  exit 1
fi
exec nice -n 19 "$dir/tools/ulp_sweep/ulp_sweep" "$@"
