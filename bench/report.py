#!/usr/bin/env python3
# Turns one benchmark run (anne's Google Benchmark JSON and the peers' JSON lines) into the
# tables of docs/performance.md: absolute times, ratios peer / anne, GFLOP/s against the
# machine's measured FMA peak, and the targets of issue 7 met or missed. Prints them and, with
# --docs, writes them between <!-- bench:results:begin --> and <!-- bench:results:end -->
# (inside the bench section; the prose around them is written by hand).
# Standard library only. Usage: see bench/run.sh.
import argparse
import datetime
import json
import os
import platform
import re
import subprocess

UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
NETWORKS = {  # multiply-adds per sample: sum of in * out
    "mlp_4_8_3": 4 * 8 + 8 * 3,
    "mlp_64_128_10": 64 * 128 + 128 * 10,
    "mlp_784_256_128_10": 784 * 256 + 256 * 128 + 128 * 10,
}
LABELS = {"mlp_4_8_3": "4-8-3", "mlp_64_128_10": "64-128-10",
          "mlp_784_256_128_10": "784-256-128-10"}
PEERS = [  # (system key, column title)
    ("micropython-original", "MicroPython, original algorithm"),
    ("cpython-original", "CPython, original algorithm"),
    ("tfjs", "TensorFlow.js"),
    ("pytorch", "PyTorch"),
]
NOMINAL_PEAK = 144e9  # 2 cores x 2 FMA units x 8 lanes x 2 flops x 2.25 GHz


def load_anne(paths):
    """{run name without real_time / min_time / iterations: best (minimum) result over all
    repetitions in all files}, and the first file's context."""
    best, context = {}, None
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        context = context or data.get("context", {})
        update_best(best, data)
    return best, context


def update_best(best, data):
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration" or b.get("error_occurred"):
            continue
        parts = [p for p in b["run_name"].split("/")
                 if p != "real_time" and not re.match(r"(min_time|iterations|repeats):", p)]
        name = "/".join(parts)
        seconds = b["real_time"] * UNITS[b["time_unit"]]
        if name not in best or seconds < best[name]["seconds"]:
            best[name] = {"seconds": seconds, "cpu_seconds": b["cpu_time"] * UNITS[b["time_unit"]],
                          **{k: b[k] for k in ("flop", "samples", "steps", "loss") if k in b}}


def load_peers(path):
    peers, versions = {}, {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                r = json.loads(line)
                key = (r["system"], r["case"])
                if key not in peers or r["seconds"] < peers[key]["seconds"]:
                    peers[key] = r  # a second pass: the best one counts
                versions.setdefault(r["system"], r.get("version", ""))
    return peers, versions


def fmt_time(s):
    if s is None:
        return "–"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale or unit == "ns":
            v = s / scale
            return ("%.3g" % v if v < 100 else "%.0f" % v) + " " + unit
    return "–"


def fmt_ratio(r):
    if r is None:
        return ""
    if r >= 100:
        return "%sx" % format(round(r), ",")
    return "%.3gx" % r


def cell(seconds, base):
    """A peer's time with its ratio to anne's (peer / anne: > 1 means anne is faster)."""
    if seconds is None:
        return "–"
    return "%s (%s)" % (fmt_time(seconds), fmt_ratio(seconds / base))


def command_output(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine():
    lscpu = command_output(["lscpu"])

    def field(name):
        found = re.search(r"^%s:\s*(.+)$" % name, lscpu, re.M)
        return found.group(1).strip() if found else "?"

    flags = set(field("Flags").split())
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {
        "model": field("Model name"), "cpus": field(r"CPU\(s\)"),
        "cores": field(r"Core\(s\) per socket"), "threads": field(r"Thread\(s\) per core"),
        "flags": "AVX2+FMA" if {"avx2", "fma"} <= flags else "no AVX2/FMA",
        "kernel": platform.release(),
        "compiler": (command_output(["c++", "--version"]).splitlines() or ["?"])[0],
        "load": load,
    }


def build_tables(anne, context, peers, versions, args):
    out, targets = [], []
    get = lambda name: anne.get(name, {}).get("seconds")
    peer = lambda system, case: peers.get((system, case), {}).get("seconds")

    # The peak by CPU time (each thread's), so that other work on the machine cannot lower it.
    peak1 = anne.get("fma_peak/threads:1")
    peak2 = anne.get("fma_peak/threads:2")
    rate = lambda r: r["flop"] / r["cpu_seconds"]
    peak = rate(peak2) if peak2 else NOMINAL_PEAK
    m = machine()
    out.append("Run of %s on %s (%s CPUs, %s cores, %s threads per core, %s), Linux %s, %s. "
               "Load average (1, 5, 15 min) %s at the start and %s at the end: other work on "
               "the machine inflates wall-clock times. Command `%s`, %d s in all."
               % (datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), m["model"], m["cpus"],
                  m["cores"], m["threads"], m["flags"], m["kernel"], m["compiler"],
                  args.load_start, " ".join(m["load"]), args.command.strip(), args.seconds))
    out.append("")
    if peak1 and peak2:
        out.append("Measured fp32 FMA peak (`fma_peak`, 12 independent 8-wide FMA chains per "
                   "core, by CPU time): %.0f GFLOP/s on one core, %.0f GFLOP/s on both, i.e. "
                   "%.2f GHz x 32 flop/cycle per core; the nominal figure, 144 GFLOP/s, assumes "
                   "2.25 GHz. Percentages below are of the measured %.0f GFLOP/s."
                   % (rate(peak1) / 1e9, peak / 1e9, rate(peak1) / 32e9, peak / 1e9))
        out.append("")
    out.append("Systems: anne = this project (g++ -O3, own kernels %s, %s). %s."
               % (context.get("anne_own_kernels", "?"), context.get("anne_blas", "no OpenBLAS"),
                  "; ".join("%s = %s" % (t, versions[s]) for s, t in PEERS if s in versions)))
    out.append("")

    # Single sample.
    out.append("**One sample** (time per sample; in brackets peer / anne prepared)")
    out.append("")
    out.append("| network | anne::predict (core) | anne prepared | " +
               " | ".join(t for _, t in PEERS) + " |")
    out.append("|---|---|---|" + "---|" * len(PEERS))
    for name, label in (("iris8", "IRIS-8"), ("iris6", "IRIS-6")):
        core, prep = get("iris_predict/" + name), get("iris_prepared/" + name)
        if core is None or prep is None:
            continue
        out.append("| %s | %s | %s | %s |" % (
            label, fmt_time(core), fmt_time(prep),
            " | ".join(cell(peer(s, name + "_single"), prep) for s, _ in PEERS)))
        if name == "iris8":
            best = min(core, prep)
            targets.append(("IRIS-8 one sample < 40 ns", "%s (core %s)" % (fmt_time(prep),
                            fmt_time(core)), prep < 40e-9, "%.0f%% over" % ((prep / 40e-9 - 1) * 100)))
            for system, title, want in (("micropython-original", "MicroPython (original)", 1000),
                                        ("tfjs", "TensorFlow.js", 100), ("pytorch", "PyTorch", 100)):
                p = peer(system, "iris8_single")
                if p is not None:
                    r = p / best
                    targets.append(("IRIS-8 one sample >= %dx faster than %s" % (want, title),
                                    fmt_ratio(r), r >= want, "%.0f%% short" % ((1 - r / want) * 100)))
    out.append("")

    # Batch throughput.
    out.append("**Batches** (time per batch; GFLOP/s = 2 x sum(in x out) x batch / time; "
               "in brackets peer / anne fast)")
    out.append("")
    out.append("| network | batch | anne fast | GFLOP/s | % of peak | anne exact | core, "
               "one sample at a time | " + " | ".join(t for _, t in PEERS) + " |")
    out.append("|---|---|---|---|---|---|---|" + "---|" * len(PEERS))
    for name, macs in NETWORKS.items():
        for batch in (1, 32, 1024):
            fast = get("batch_predict/%s/%d/0" % (name, batch))
            if fast is None:
                continue
            exact = get("batch_predict/%s/%d/1" % (name, batch))
            loop = get("core_predict_loop/%s/%d" % (name, batch))
            gflops = 2 * macs * batch / fast
            pt = peer("pytorch", "batch:%s:%d" % (name, batch))
            out.append("| %s | %d | %s | %.1f | %.0f %% | %s | %s | %s |" % (
                LABELS[name], batch, fmt_time(fast), gflops / 1e9, 100 * gflops / peak,
                fmt_time(exact), fmt_time(loop),
                " | ".join(cell(peer(s, "batch:%s:%d" % (name, batch)), fast) for s, _ in PEERS)))
            if batch == 1024 and name != "mlp_4_8_3" and pt is not None:
                targets.append(("batch 1024 %s throughput >= PyTorch" % LABELS[name],
                                "%s vs %s" % (fmt_time(fast), fmt_time(pt)), fast <= pt,
                                "%.0f%% slower" % ((fast / pt - 1) * 100)))
    out.append("")
    diffs = [(s, c, r["max_abs_diff"]) for (s, c), r in peers.items() if "max_abs_diff" in r]
    if diffs:
        worst = max(d for _, _, d in diffs)
        out.append("The peers' batch outputs differ from anne's by at most %.1e (float "
                   "rounding: the same networks and weights). The original algorithm is not run "
                   "on 784-256-128-10 at batch 1024: in pure Python a call would take about 10 s "
                   "under CPython and nearly 3 minutes under MicroPython."
                   % worst)
        out.append("")

    # Training.
    out.append("**Training** (whole run; in brackets peer / anne fastest; last epoch's mean loss "
               "after the time: the same computation ends at the same loss)")
    out.append("")
    out.append("| run | anne core (train_step) | anne fast (batched) | " +
               " | ".join(t for _, t in PEERS) + " |")
    out.append("|---|---|---|" + "---|" * len(PEERS))
    for case, label, core_name, fast_name in (
            ("train_selflearn", "self-learning 4-3-1, SGD per sample, 100 x 20",
             "selflearn_core", "selflearn_fast"),
            ("train_digits", "64-128-10 digits, Adam, batch 32, 20 epochs",
             "digits_core", "digits_fast/0")):
        core, fast = anne.get(core_name), anne.get(fast_name)
        if not core or not fast:
            continue
        best = min(core["seconds"], fast["seconds"])
        loss = lambda r: " / %.4g" % r["loss"] if r and "loss" in r else ""
        cells = []
        for s, _ in PEERS:
            r = peers.get((s, case))
            cells.append(cell(r["seconds"], best) + loss(r) if r else "–")
        out.append("| %s | %s%s | %s%s | %s |" % (label, fmt_time(core["seconds"]), loss(core),
                                                  fmt_time(fast["seconds"]), loss(fast),
                                                  " | ".join(cells)))
        pt = peer("pytorch", case)
        if pt is not None:
            if case == "train_selflearn":
                steps = core.get("steps", 2000)
                targets.append(("self-learning training >= 100x faster than PyTorch",
                                "%s (PyTorch %s per step)" % (fmt_ratio(pt / best),
                                                              fmt_time(pt / steps)),
                                pt / best >= 100, "%.0f%% short" % ((1 - pt / best / 100) * 100)))
            else:
                targets.append(("digits training no slower than PyTorch",
                                "%s vs %s" % (fmt_time(best), fmt_time(pt)), best <= pt,
                                "%.0f%% slower" % ((best / pt - 1) * 100)))
    out.append("")
    out.append("The original AI-ANNE code trains with plain SGD after every sample only (no Adam, "
               "no mini-batches), hence no digits run for it.")
    exact = anne.get("digits_fast/1")
    if exact:
        out.append("anne fast in exact mode (bit-identical to train_step) trains the digits in %s."
                   % fmt_time(exact["seconds"]))
    out.append("")

    # Crossover own kernel / OpenBLAS.
    shapes = {}
    for name, r in anne.items():
        mm = re.match(r"gemm_backend/(\d+)/(\d+)/(\d+)/([01])$", name)
        if mm:
            key = tuple(int(v) for v in mm.groups()[:3])
            shapes.setdefault(key, {})["blas" if mm.group(4) == "1" else "own"] = r["seconds"]
    if shapes:
        out.append("**Own kernel vs OpenBLAS** (C (m, n) = A (m, k) B (k, n); the faster in bold; "
                   "m·n·k is the product's multiply-adds)")
        out.append("")
        out.append("| m | n | k | m·n·k | own (AVX2+FMA, 1 thread) | OpenBLAS | own / OpenBLAS |")
        out.append("|---|---|---|---|---|---|---|")
        for (mm_, n, k), r in sorted(shapes.items(), key=lambda kv: kv[0][0] * kv[0][1] * kv[0][2]):
            own, blas = r.get("own"), r.get("blas")
            if own is None or blas is None:
                continue
            o, b = fmt_time(own), fmt_time(blas)
            if own <= blas:
                o = "**%s**" % o
            else:
                b = "**%s**" % b
            out.append("| %d | %d | %d | %s | %s | %s | %.2f |" % (
                mm_, n, k, format(mm_ * n * k, ","), o, b, own / blas))
        out.append("")

    # Targets.
    out.append("**Targets** (issue 7)")
    out.append("")
    out.append("| target | this run | met |")
    out.append("|---|---|---|")
    for what, value, met, miss in targets:
        out.append("| %s | %s | %s |" % (what, value, "yes" if met else "**no** (%s)" % miss))
    out.append("")
    return "\n".join(out)


def write_docs(path, table):
    begin, end = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
    block = begin + "\n" + table + "\n" + end
    text = open(path).read() if os.path.exists(path) else ""
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    elif "<!-- bench:end -->" in text:
        text = text.replace("<!-- bench:end -->", block + "\n<!-- bench:end -->")
    else:
        if not text:
            text = "# Performance\n"
        text = text.rstrip("\n") + "\n\n<!-- bench:begin -->\n" + block + "\n<!-- bench:end -->\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anne", required=True, nargs="+")
    ap.add_argument("--peers")
    ap.add_argument("--docs")
    ap.add_argument("--command", default="bench/run.sh")
    ap.add_argument("--seconds", type=int, default=0)
    ap.add_argument("--load-start", default="?")
    args = ap.parse_args()
    anne, context = load_anne(args.anne)
    peers, versions = load_peers(args.peers)
    table = build_tables(anne, context, peers, versions, args)
    print(table)
    if args.docs:
        write_docs(args.docs, table)
        print("\nreport: wrote the results into %s" % args.docs)


if __name__ == "__main__":
    main()
