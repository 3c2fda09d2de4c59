# Reads the benchmark fixtures that bench_fixtures (bench/bench_fixtures.cpp) wrote: the same
# networks, weights and data that anne's benchmarks use. CPython only (the MicroPython peer
# gets them from micropython_peer.mjs).
import array
import json
import os
import sys
import time


class Fixtures:
    def __init__(self, directory):
        with open(os.path.join(directory, "fixtures.json")) as f:
            self.manifest = json.load(f)
        self.raw = array.array("f")
        with open(os.path.join(directory, self.manifest["bin"]), "rb") as f:
            self.raw.frombytes(f.read())
        if sys.byteorder != "little":
            self.raw.byteswap()

    def flat(self, name):
        """An array's values as a flat list, with its shape."""
        a = self.manifest["arrays"][name]
        count = 1
        for d in a["shape"]:
            count *= d
        return self.raw[a["offset"]:a["offset"] + count].tolist(), a["shape"]

    def rows(self, name):
        """A 2-D array as a list of rows."""
        values, shape = self.flat(name)
        cols = shape[1] if len(shape) > 1 else 1
        return [values[r * cols:(r + 1) * cols] for r in range(shape[0])]

    def network(self, name):
        """[(kernel as [input][unit] rows, bias list, activation name), ...] and the inputs."""
        net = self.manifest["networks"][name]
        layers = [(self.rows(l["kernel"]), self.flat(l["bias"])[0], l["activation"])
                  for l in net["layers"]]
        return layers, net["inputs"]


def report(system, case, seconds, **extra):
    """One result line: JSON on stdout, read by bench/report.py."""
    record = {"system": system, "case": case, "seconds": seconds}
    record.update(extra)
    print(json.dumps(record), flush=True)


def timed(run, min_seconds=0.5, min_repeats=3):
    """Seconds per call of run(), the best of several timed rounds of enough calls to last
    about min_seconds in all (at least min_repeats rounds)."""
    calls, elapsed = 1, 0.0
    while True:  # find a call count that takes about a tenth of min_seconds
        start = time.perf_counter()
        for _ in range(calls):
            run()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds / 10:
            break
        calls *= 2
    best = elapsed / calls
    rounds = max(min_repeats, int(min_seconds / max(elapsed, 1e-9)))
    for _ in range(min(rounds, 10)):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        best = min(best, (time.perf_counter() - start) / calls)
    return best
