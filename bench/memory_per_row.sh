#!/usr/bin/env bash
# Memory per row of `anne eval` and `anne train` on a CSV file: the peak resident memory
# (GNU time's %M) for Iris-like files of 10,000 and 1,000,000 rows, and the difference per row.
# anne eval reads its file in blocks of rows (stream_labelled), so its figure should be about 0;
# anne train holds the whole data set.
# Usage: bench/memory_per_row.sh [ANNE]   (default build/anne)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
anne=${1:-$root/build/anne}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Rows like Iris's Versicolor and Virginica rows: 4 numbers of one decimal and a label.
make_csv() {
  awk -v n="$1" 'BEGIN {
    srand(1); print "sepal_length,sepal_width,petal_length,petal_width,species"
    for (i = 0; i < n; i++)
      printf "%.1f,%.1f,%.1f,%.1f,%s\n", 4 + 4 * rand(), 2 + 2 * rand(), 1 + 6 * rand(),
             3 * rand(), (rand() < 0.5 ? "versicolor" : "virginica") }' >"$2"
}
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
small=10000 large=1000000
make_csv $small "$work/small.csv"
make_csv $large "$work/large.csv"
for cmd in eval train; do
  if [ $cmd = eval ]; then
    args_small=(eval iris8 "$work/small.csv"); args_large=(eval iris8 "$work/large.csv")
  else
    common=(--target species --layers 2:relu,1:sigmoid --epochs 1 -q -o "$work/m.json")
    args_small=(train "$work/small.csv" "${common[@]}"); args_large=(train "$work/large.csv" "${common[@]}")
  fi
  a=$(peak_kb "$anne" "${args_small[@]}")
  b=$(peak_kb "$anne" "${args_large[@]}")
  echo "anne $cmd: $small rows $a KB, $large rows $b KB: $(( (b - a) * 1024 / (large - small) )) bytes per row" \
       "($(stat -c %s "$work/large.csv") bytes of CSV for $large rows)"
done
