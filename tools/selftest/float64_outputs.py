#!/usr/bin/env python3
"""Computes a model file's outputs for given raw inputs in float64, independently of anne's C++
code (plain Python, no libraries), and prints each rounded to the nearest float32, as the
self-tests of models/iris8.json and models/iris6.json record them.

Usage: tools/selftest/float64_outputs.py MODEL.json [INPUT_JSON]
  INPUT_JSON: a list of raw input rows; default: the model's own self-test inputs, which are
  then checked against the recorded outputs (the cross-check of anne's float32 results).
"""
import json
import math
import struct
import sys

ACTIVATIONS = {
    "linear": lambda z: z,
    "relu": lambda z: [max(0.0, v) for v in z],
    "sigmoid": lambda z: [1.0 / (1.0 + math.exp(-v)) for v in z],
    "tanh": lambda z: [math.tanh(v) for v in z],
}


def softmax(z):
    top = max(z)
    e = [math.exp(v - top) for v in z]
    return [v / sum(e) for v in e]


def forward(model, raw):
    pre = model.get("preprocessing", {"type": "none"})
    if pre["type"] == "standardize":
        x = [(r - m) / s for r, m, s in zip(raw, pre["mean"], pre["std"])]
    elif pre["type"] == "minmax":
        x = [(r - a) / (b - a) for r, a, b in zip(raw, pre["min"], pre["max"])]
    else:
        x = list(raw)
    for layer in model["layers"]:
        kernel = layer["kernel"]  # (inputs, units)
        bias = layer.get("bias", [0.0] * layer["units"])
        z = [sum(x[i] * kernel[i][j] for i in range(len(x))) + bias[j] for j in range(layer["units"])]
        name = layer["activation"]
        x = softmax(z) if name == "softmax" else ACTIVATIONS[name](z)
    return x


def float32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def shortest(v):
    """The shortest decimal text that reads back to the same float32."""
    for digits in range(1, 10):
        text = "%.*g" % (digits, v)
        if float32(float(text)) == float32(v):
            return text
    return repr(v)


def main():
    model = json.load(open(sys.argv[1]))
    cases = model["self_test"]["cases"]
    inputs = json.loads(sys.argv[2]) if len(sys.argv) > 2 else [c["input"] for c in cases]
    for k, raw in enumerate(inputs):
        out = [float32(v) for v in forward(model, raw)]
        line = json.dumps({"input": raw, "output": [float(shortest(v)) for v in out]})
        if len(sys.argv) <= 2:
            recorded = cases[k]["output"]
            worst = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(out, recorded))
            line += "  # recorded %s, difference %.2g" % (recorded, worst)
        print(line)


if __name__ == "__main__":
    main()
