# PyTorch (Debian's python3-torch, eager mode) on the benchmark fixtures: one IRIS-8 / IRIS-6
# prediction per sample, batch prediction of the three MLPs, and training of the self-learning
# example and of 64-128-10 on the digits. Reports its threads and the BLAS it really loaded
# (Debian's torch calls whatever libblas.so.3 points to; the reference BLAS is ~20x slower
# than OpenBLAS). Usage: python3 torch_peer.py FIXTURES_DIR [--batches] (only the batches)
import ctypes
import sys
import time

import torch

from fixtures import Fixtures, report, timed

SYSTEM = "pytorch"


def loaded_blas():
    """The BLAS libraries mapped into this process, after a matrix product has run."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as f:
        paths = sorted({line.split()[-1] for line in f if "blas" in line.split()[-1]})
    threads = None
    for path in paths:
        if "openblas" in path:
            try:
                threads = ctypes.CDLL(path).openblas_get_num_threads()
            except (OSError, AttributeError):
                pass
    return paths, threads


ACTIVATIONS = {"relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh,
               "softmax": lambda: torch.nn.Softmax(dim=1)}


def build(fx, name, logits=False):
    """nn.Sequential with the fixture's layers and weights (Linear keeps W^T). logits: leave the
    final softmax out, for CrossEntropyLoss, which applies it (log-softmax) itself."""
    layers, inputs = fx.network(name)
    modules = []
    for k, (kernel, bias, activation) in enumerate(layers):
        linear = torch.nn.Linear(inputs, len(bias))
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(kernel).t())
            linear.bias.copy_(torch.tensor(bias))
        modules.append(linear)
        if not (logits and k + 1 == len(layers)):
            modules.append(ACTIVATIONS[activation]())
        inputs = len(bias)
    return torch.nn.Sequential(*modules)


def best_of(runs, train):
    """The shortest of several whole training runs, with that run's final loss."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        loss = train()
        seconds = time.perf_counter() - start
        if best is None or seconds < best[0]:
            best = (seconds, loss)
    return best


def main():
    fx = Fixtures(sys.argv[1])
    only_batches = sys.argv[2:] == ["--batches"]  # run.sh's second pass
    blas, blas_threads = loaded_blas()
    version = "PyTorch %s, %d threads, BLAS %s (%s threads)" % (
        torch.__version__, torch.get_num_threads(), " ".join(blas) or "none", blas_threads)
    rows = torch.tensor(fx.rows("iris_x"))
    with torch.inference_mode():
        for name in () if only_batches else ("iris8", "iris6"):
            model = build(fx, name)
            singles = [rows[r:r + 1] for r in range(len(rows))]
            first = float(model(singles[0])[0, 0])
            seconds = timed(lambda: [model(x) for x in singles]) / len(singles)
            report(SYSTEM, name + "_single", seconds, version=version, first_output=first)
        for name in ("mlp_4_8_3", "mlp_64_128_10", "mlp_784_256_128_10"):
            model = build(fx, name)
            values, shape = fx.flat(name + ".x")
            x_all = torch.tensor(values).reshape(shape)
            y_all = torch.tensor(fx.flat(name + ".y")[0]).reshape(shape[0], -1)
            for batch in (1, 32, 1024):
                x = x_all[:batch].contiguous()
                seconds = timed(lambda: model(x), 1.0 if batch == 1024 else 0.5)
                diff = float((model(x) - y_all[:batch]).abs().max())
                report(SYSTEM, "batch:%s:%d" % (name, batch), seconds, version=version,
                       max_abs_diff=diff)
    if only_batches:
        return

    # The self-learning example: per-sample SGD, binary cross-entropy on the sigmoid output.
    cfg = fx.manifest["selflearn"]
    labels = torch.tensor(fx.rows("iris_labels"))

    def selflearn():
        model = build(fx, "selflearn")
        opt = torch.optim.SGD(model.parameters(), lr=cfg["learning_rate"])
        bce = torch.nn.BCELoss()
        total = 0.0
        for _ in range(cfg["epochs"]):
            total = 0.0
            for s in range(len(rows)):
                opt.zero_grad()
                loss = bce(model(rows[s:s + 1]), labels[s:s + 1])
                loss.backward()
                opt.step()
                total += float(loss)
        return total / len(rows)

    selflearn()  # warm-up
    seconds, loss = best_of(3, selflearn)
    report(SYSTEM, "train_selflearn", seconds, loss=loss, version=version)

    # 64-128-10 on the digits: Adam (epsilon 1e-7 as the others), batches of 32 in file order.
    cfg = fx.manifest["digits"]
    values, shape = fx.flat("digits_x")
    dx = torch.tensor(values).reshape(shape)
    dy = torch.tensor(fx.flat("digits_t")[0]).reshape(shape[0], 10).argmax(dim=1)

    def digits(epochs):
        model = build(fx, "digits", logits=True)
        opt = torch.optim.Adam(model.parameters(), lr=cfg["learning_rate"], eps=cfg["epsilon"])
        cce = torch.nn.CrossEntropyLoss()
        total = 0.0
        for _ in range(epochs):
            total = 0.0
            for first in range(0, len(dx), cfg["batch"]):
                x, y = dx[first:first + cfg["batch"]], dy[first:first + cfg["batch"]]
                opt.zero_grad()
                loss = cce(model(x), y)
                loss.backward()
                opt.step()
                total += float(loss) * len(x)
        return total / len(dx)

    digits(1)  # warm-up
    seconds, loss = best_of(3, lambda: digits(cfg["epochs"]))
    report(SYSTEM, "train_digits", seconds, loss=loss, version=version)


if __name__ == "__main__":
    main()
