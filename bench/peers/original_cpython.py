# The original AI-ANNE code's algorithm (aianne_original.py) under CPython: one IRIS-8 / IRIS-6
# prediction per sample, the batches of the MLPs (original.BATCHES), and the self-learning
# example. Usage: original_cpython.py FIXTURES_DIR
import platform
import sys

import aianne_original as original
from fixtures import Fixtures, report, timed

SYSTEM = "cpython-original"


def main():
    fx = Fixtures(sys.argv[1])
    rows = fx.rows("iris_x")
    info = "CPython " + platform.python_version()
    for name in ("iris8", "iris6"):
        layers, _ = fx.network(name)
        seconds = timed(lambda: original.predict_each(layers, rows, 1)) / len(rows)
        out = original.predict_each(layers, rows, 1)
        report(SYSTEM, name + "_single", seconds, version=info, first_output=out[0][0])

    for name, batch in original.BATCHES:
        layers, inputs = fx.network(name)
        x = fx.rows(name + ".x")[:batch]
        want = fx.rows(name + ".y")[:batch]
        seconds = timed(lambda: original.predict(layers, x), 0.5, 1 if batch > 32 else 3)
        got = original.predict(layers, x)
        diff = max(abs(g - w) for gr, wr in zip(got, want) for g, w in zip(gr, wr))
        report(SYSTEM, "batch:%s:%d" % (name, batch), seconds, version=info, max_abs_diff=diff)

    layers, _ = fx.network("selflearn")
    xs, ys = rows, [v[0] for v in fx.rows("iris_labels")]
    cfg = fx.manifest["selflearn"]

    def train():
        w1 = [list(r) for r in layers[0][0]]
        w2 = [list(r) for r in layers[1][0]]
        return original.train_selflearn(w1, list(layers[0][1]), w2, list(layers[1][1]), xs, ys,
                                        cfg["epochs"], cfg["learning_rate"])

    seconds = timed(train, min_seconds=1.0)
    report(SYSTEM, "train_selflearn", seconds, loss=train(), version=info)


if __name__ == "__main__":
    main()
