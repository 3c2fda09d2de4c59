#!/usr/bin/env python3
"""Writes data/*.csv from the public data sets that Debian's python3-sklearn ships.

The sklearn files start with a line "rows,features,class names..." and end each row with a
class index. Ours start with a header of column names and end each row with the class name,
so that `anne eval` and `anne train --target` can use them as they are.

    apt-get download python3-sklearn && dpkg -x python3-sklearn_*.deb x
    python3 tools/data/convert_sklearn.py x/usr/lib/python3/dist-packages/sklearn/datasets/data data
"""
import csv
import gzip
import sys
from pathlib import Path

BREAST_BASE = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
               "concavity", "concave_points", "symmetry", "fractal_dimension"]

SETS = {
    "iris.csv": (["sepal_length", "sepal_width", "petal_length", "petal_width"], "species"),
    "breast_cancer.csv": ([f"{kind}_{b}" for kind in ("mean", "se", "worst") for b in BREAST_BASE],
                         "diagnosis"),
    "wine_data.csv": (["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                       "total_phenols", "flavanoids", "nonflavanoid_phenols",
                       "proanthocyanins", "color_intensity", "hue", "od280_od315",
                       "proline"], "cultivar"),
}


def convert(src: Path, dst: Path, features, target):
    with open(src, newline="") as f:
        rows = list(csv.reader(f))
    count, width, *names = rows[0]
    body = rows[1:]
    assert int(count) == len(body) and int(width) == len(features), src
    with open(dst, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(features + [target])
        for row in body:
            out.writerow(row[:-1] + [names[int(row[-1])]])


def convert_digits(src: Path, dst: Path):
    with gzip.open(src, "rt") as f:
        rows = list(csv.reader(f))
    with open(dst, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([f"p{r}{c}" for r in range(8) for c in range(8)] + ["digit"])
        for row in rows:
            out.writerow([str(int(float(v))) for v in row[:-1]] + [str(int(float(row[-1])))])


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    for name, (features, target) in SETS.items():
        out = "wine.csv" if name == "wine_data.csv" else name
        convert(src / name, dst / out, features, target)
    convert_digits(src / "digits.csv.gz", dst / "digits.csv")


if __name__ == "__main__":
    main()
