#!/usr/bin/env bash
# The int8 accuracy table of docs/performance.md: each float model against its int8 form
# (anne quantize) on held-out rows.
#   IRIS-8, IRIS-6: the papers' networks, calibrated on the 100 Versicolor/Virginica rows,
#                   scored on the papers' 20-row test split.
#   digits 64-32-10, breast cancer, wine: trained here (fixed seed) on 4 of every 5 rows,
#                   calibrated on those, scored on the 5th rows.
# Usage: bench/int8/accuracy.sh [ANNE] [WORK_DIR]. Prints a Markdown table.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
anne=${1:-$here/build/anne}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
data=$here/data

# split FILE: FILE.train.csv (rows 0-3 of every 5) and FILE.test.csv (row 4)
split() {
  awk -v train="$work/$1.train.csv" -v test="$work/$1.test.csv" \
    'NR == 1 { print > train; print > test; next }
     (NR - 2) % 5 == 4 { print > test; next } { print > train }' "$data/$1.csv"
}

# The papers' IRIS test split: 0-based data rows (FACTS.md, src/iris.hpp).
awk -F, 'BEGIN { n = split("76 136 52 105 125 143 66 123 104 145 103 101 128 63 57 80 72 74 83 58", r, " ");
                 for (i = 1; i <= n; i++) want[r[i] + 2] = i }
         NR == 1 { print; next } (NR in want) { row[want[NR]] = $0 }
         END { for (i = 1; i <= n; i++) print row[i] }' "$data/iris.csv" >"$work/iris_test.csv"

accuracy() {  # MODEL DATA [flags]: "float int8 changed"
  "$anne" eval "$1" "$2" "${@:3}" --json |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["float"]["accuracy"]*100, j["accuracy"]*100, j["changed_class"], j["float"]["total"])'
}

row() {  # NAME FLOAT_MODEL CALIBRATION TEST [flags]
  local name=$1 model=$2 calibration=$3 test=$4
  shift 4
  "$anne" quantize "$model" --calibration "$calibration" "$@" -o "$work/$name.int8.json" >/dev/null
  read -r f q changed total < <(accuracy "$work/$name.int8.json" "$test" "$@")
  printf '| %s | %d | %.1f %% | %.1f %% | %+.1f | %d |\n' "$name" "$total" "$f" "$q" \
    "$(python3 -c "print($q - $f)")" "$changed"
}

echo "| model | test rows | float | int8 | difference (points) | rows that change class |"
echo "|---|---|---|---|---|---|"
row IRIS-8 iris8 "$data/iris.csv" "$work/iris_test.csv" --skip-other-classes
row IRIS-6 iris6 "$data/iris.csv" "$work/iris_test.csv" --skip-other-classes
for set in "digits 64-32-10 32:relu,10:softmax digit" \
           "breast_cancer 30-16-1 16:relu,1:sigmoid diagnosis" \
           "wine 13-16-3 16:relu,3:softmax cultivar"; do
  read -r file shape layers target <<<"$set"
  split "$file"
  loss=cce; [ "$file" = breast_cancer ] && loss=bce
  "$anne" train "$work/$file.train.csv" --target "$target" --layers "$layers" --loss "$loss" \
    --epochs 60 --batch 16 --seed 7 --validation 0 -q -o "$work/$file.json" >/dev/null
  row "$file $shape" "$work/$file.json" "$work/$file.train.csv" "$work/$file.test.csv"
done
