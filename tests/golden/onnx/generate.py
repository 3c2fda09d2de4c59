#!/usr/bin/python3
"""Writes the ONNX golden suite: multilayer perceptrons as ONNX graphs, built with Debian's
python3-onnx (onnx.helper), one folder per case under cases/ (model.onnx and case.json with
the input rows), and a few graphs anne must refuse under refused/ (model.onnx and the words its
error must contain). run.js then adds what onnxruntime computes for each case (expected.json).

Covers every operator and pattern the importer reads (src/import/onnx.cpp), widths 1 to 256,
depths 1 to 8, with and without bias, opsets 9 to 20, weights as initializers and as Constant
nodes. Deterministic: the same files on every run.

Usage: /usr/bin/python3 tests/golden/onnx/generate.py && node tests/golden/onnx/run.js
"""
import json
import math
import os
import shutil

import numpy as np
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
IR_VERSION = {9: 4, 11: 6, 13: 7, 14: 7, 17: 8, 18: 8, 20: 9}
rng = np.random.default_rng(20261201)


class Graph:
    """A graph being built: nodes, initializers, constants as initializers or Constant nodes."""

    def __init__(self, opset, constant_nodes):
        self.opset, self.constant_nodes = opset, constant_nodes
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, op):
        self.n += 1
        return f"/{op}_{self.n}"

    def const(self, values, force_init=False):
        arr = np.asarray(values, dtype=np.float32)
        name = self.name("Constant") + "_output_0"
        if self.constant_nodes and not force_init:
            self.nodes.append(helper.make_node("Constant", [], [name],
                                               value=numpy_helper.from_array(arr, name)))
        else:
            self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def node(self, op, inputs, **attrs):
        name = self.name(op)
        out = name + "_output_0"
        self.nodes.append(helper.make_node(op, inputs, [out], name=name, **attrs))
        return out


def activation(g, act, x):
    """The nodes of activation `act` after value x, as exporters write them."""
    op = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "softplus": "Softplus",
          "softsign": "Softsign", "selu": "Selu", "mish_op": "Mish"}
    if act == "linear":
        return x
    if act in op:
        return g.node(op[act], [x])
    if act == "leaky":
        return g.node("LeakyRelu", [x], alpha=0.05)
    if act == "leaky_default":
        return g.node("LeakyRelu", [x])
    if act == "elu":
        return g.node("Elu", [x], alpha=0.7)
    if act == "hardsigmoid":  # PyTorch's Hardsigmoid
        return g.node("HardSigmoid", [x], alpha=1.0 / 6.0)
    if act == "hardsigmoid_keras":  # Keras 2's slope 0.2 (ONNX's default alpha)
        return g.node("HardSigmoid", [x], beta=0.5)
    if act == "softmax":
        return g.node("Softmax", [x], axis=1 if g.opset < 13 else -1)
    if act == "softmax_default":
        return g.node("Softmax", [x])
    if act in ("relu6", "relu_clip"):
        hi = 6.0 if act == "relu6" else None
        if g.opset < 11:
            attrs = {"min": 0.0} | ({"max": hi} if hi else {})
            return g.node("Clip", [x], **attrs)
        return g.node("Clip", [x, g.const(0.0)] + ([g.const(hi)] if hi else []))
    if act == "gelu_op":
        return g.node("Gelu", [x])
    if act == "gelu_tanh_op":
        return g.node("Gelu", [x], approximate="tanh")
    if act == "gelu_torch":  # Div-Erf-Add-Mul-Mul: (x (1 + erf(x / sqrt 2))) 0.5
        e = g.node("Add", [g.node("Erf", [g.node("Div", [x, g.const(math.sqrt(2))])]), g.const(1.0)])
        return g.node("Mul", [g.node("Mul", [x, e]), g.const(0.5)])
    if act == "gelu_half_first":  # Mul by 1/sqrt 2, then (x 0.5) e
        e = g.node("Add", [g.const(1.0), g.node("Erf", [g.node("Mul", [g.const(math.sqrt(0.5)), x])])])
        return g.node("Mul", [g.node("Mul", [x, g.const(0.5)]), e])
    if act == "gelu_half_e":  # x (e 0.5)
        e = g.node("Add", [g.node("Erf", [g.node("Div", [x, g.const(math.sqrt(2))])]), g.const(1.0)])
        return g.node("Mul", [x, g.node("Mul", [e, g.const(0.5)])])
    if act == "silu":
        return g.node("Mul", [x, g.node("Sigmoid", [x])])
    if act == "silu_swapped":
        return g.node("Mul", [g.node("Sigmoid", [x]), x])
    if act == "softsign_nodes":
        return g.node("Div", [x, g.node("Add", [g.node("Abs", [x]), g.const(1.0)])])
    if act == "mish_nodes":
        return g.node("Mul", [x, g.node("Tanh", [g.node("Softplus", [x])])])
    if act == "identity":
        return g.node("Identity", [x])
    if act == "dropout":
        if g.opset < 12:
            return g.node("Dropout", [x], ratio=0.3)
        return g.node("Dropout", [x, g.const(0.3, force_init=True)])
    raise ValueError(act)


def dense(g, x, n_in, units, form, bias):
    """A dense layer in one of the forms exporters write; returns its output."""
    w = (rng.standard_normal((n_in, units)) * math.sqrt(2.0 / (n_in + units))).astype(np.float32)
    b = (rng.standard_normal(units) * 0.3).astype(np.float32)
    if form == "matmul" or not bias:
        return g.node("MatMul", [x, g.const(w, True)])
    if form == "matmul_add":
        return g.node("Add", [g.node("MatMul", [x, g.const(w, True)]), g.const(b, True)])
    if form == "add_first":  # Add(bias, x W), bias written (1, units)
        return g.node("Add", [g.const(b.reshape(1, units), True), g.node("MatMul", [x, g.const(w, True)])])
    if form == "gemm":  # PyTorch: Gemm with transB=1, weight (units, inputs)
        return g.node("Gemm", [x, g.const(w.T.copy(), True), g.const(b, True)],
                      alpha=1.0, beta=1.0, transB=1)
    if form == "gemm_plain":  # transB=0, weight (inputs, units), bias (1, units)
        return g.node("Gemm", [x, g.const(w, True), g.const(b.reshape(1, units), True)])
    if form == "gemm_scaled":
        return g.node("Gemm", [x, g.const(w.T.copy(), True), g.const(b, True)],
                      alpha=0.5, beta=2.0, transB=1)
    if form == "gemm_nobias":
        return g.node("Gemm", [x, g.const(w.T.copy(), True)], transB=1)
    raise ValueError(form)


def batch_norm(g, x, units, epsilon):
    weights = [rng.uniform(0.5, 1.5, units), rng.standard_normal(units) * 0.2,
               rng.standard_normal(units) * 0.5, rng.uniform(0.3, 2.0, units)]
    return g.node("BatchNormalization", [x] + [g.const(np.float32(w), True) for w in weights],
                  epsilon=epsilon)


def build(case):
    """The ModelProto of a case description and its input rows."""
    opset = case["opset"]
    g = Graph(opset, case.get("constant_nodes", False))
    shape = case.get("input_shape", [case["inputs"]])
    n_in = int(np.prod(shape))
    x = "input"
    for step in case.get("before", []):
        if step == "flatten":
            x = g.node("Flatten", [x], axis=1)
        elif step == "standardize":
            mean, std = rng.standard_normal(n_in) * 3, rng.uniform(0.2, 4.0, n_in)
            x = g.node("Div", [g.node("Sub", [x, g.const(np.float32(mean), True)]),
                               g.const(np.float32(std), True)])
            case["centre"] = mean.tolist()
        else:
            x = activation(g, step, x)
    for layer in case["layers"]:
        x = dense(g, x, n_in, layer["units"], layer.get("form", "gemm"), layer.get("bias", True))
        n_in = layer["units"]
        if "bn" in layer:
            x = batch_norm(g, x, n_in, layer["bn"])
        for act in layer["acts"]:
            x = activation(g, act, x)
            if "bn_after" in layer and act == layer["acts"][0]:
                x = batch_norm(g, x, n_in, layer["bn_after"])
    g.nodes.append(helper.make_node("Identity", [x], ["output"], name="/output"))
    inp = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch"] + shape)
    out = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", n_in])
    graph = helper.make_graph(g.nodes, case["name"], [inp], [out], g.inits)
    model = helper.make_model(graph, producer_name="anne-golden",
                              opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = IR_VERSION[opset]
    centre = np.asarray(case.pop("centre", np.zeros(int(np.prod(shape)))))
    rows = [centre, centre + 3.0] + [centre + rng.standard_normal(centre.size) * 1.5 for _ in range(6)]
    return model, [np.float32(r).tolist() for r in rows]


SINGLE = ["relu", "leaky", "leaky_default", "elu", "selu", "sigmoid", "tanh", "softplus",
          "softsign", "hardsigmoid", "hardsigmoid_keras", "softmax", "softmax_default", "relu6",
          "relu_clip", "gelu_torch", "gelu_half_first", "gelu_half_e", "silu", "silu_swapped",
          "softsign_nodes", "mish_nodes"]
FORMS = ["gemm", "gemm_plain", "gemm_scaled", "matmul_add", "add_first", "matmul", "gemm_nobias"]
OPSETS = [9, 11, 13, 14, 17, 18, 20]


def cases():
    out = []

    def add(name, opset, inputs, layers, **kw):
        # Gemm's bias input C is optional from opset 11 on.
        layers = [l | {"form": "gemm"} if l.get("form") == "gemm_nobias" and opset < 11 else l
                  for l in layers]
        out.append({"name": f"{len(out):03d}_{name}", "opset": opset, "inputs": inputs,
                    "layers": layers, **kw})

    # Every single activation, as the last layer and as a hidden one, in several opsets, with
    # and without bias, with constants as initializers and as Constant nodes.
    for i, act in enumerate(SINGLE):
        for j in range(6):
            opset = OPSETS[(i + j) % len(OPSETS)]
            inputs, hidden = 1 + (i * 7 + j * 3) % 12, 1 + (i * 5 + j) % 16
            bias = j != 2
            if j % 2 == 0:
                layers = [{"units": hidden, "acts": [act], "bias": bias}]
            else:
                layers = [{"units": hidden, "acts": [act], "bias": bias},
                          {"units": 1 + j % 4, "acts": ["sigmoid" if j == 3 else "linear"],
                           "form": FORMS[(i + j) % len(FORMS)]}]
            add(f"{act}_{j}", opset, inputs, layers, constant_nodes=j in (1, 4))
    # Operators of newer opsets.
    for j, act in enumerate(["gelu_op", "gelu_tanh_op"] * 3 + ["mish_op"] * 4):
        opset = 20 if "gelu" in act else [18, 20][j % 2]
        add(f"{act}_{j}", opset, 3 + j, [{"units": 4 + 2 * j, "acts": [act]},
                                         {"units": 2, "acts": ["softmax"]}])
    # Every form of dense layer in every opset.
    for i, form in enumerate(FORMS):
        for opset in OPSETS[1:] if form == "gemm_nobias" else OPSETS:
            add(f"{form}_opset{opset}", opset, 2 + i, [{"units": 3 + i, "acts": ["tanh"], "form": form},
                                                       {"units": 2, "acts": ["linear"], "form": form}])
    # Depths 1 to 8 and widths 1 to 256.
    for depth in range(1, 9):
        acts = [SINGLE[(depth * 3 + k) % len(SINGLE)] for k in range(depth)]
        layers = [{"units": 2 + (depth + k) % 9, "acts": [a], "bias": (k + depth) % 3 != 0}
                  for k, a in enumerate(acts)]
        add(f"depth{depth}", OPSETS[depth % len(OPSETS)], 5, layers)
        add(f"depth{depth}_relu", 13, 4, [{"units": 8, "acts": ["relu"]}] * depth)
    for width in [1, 2, 3, 5, 8, 16, 31, 64, 100, 128, 200, 256]:
        add(f"width{width}", 13, min(width, 64), [{"units": width, "acts": ["relu"]},
                                                  {"units": 3, "acts": ["softmax"]}])
    add("wide256_deep", 17, 256, [{"units": 256, "acts": ["gelu_torch"]},
                                  {"units": 256, "acts": ["silu"]}, {"units": 10, "acts": ["linear"]}])
    # BatchNormalization after a linear layer (folded) and after an activation (diagonal).
    for j in range(10):
        opset = [9, 11, 13, 14, 17][j % 5]
        layer = {"units": 3 + j, "acts": ["relu"], "bias": j % 3 != 0}
        if j < 7:
            layer["bn"] = [1e-5, 1e-3][j % 2]
        else:
            layer["bn_after"] = 1e-5
        add(f"batchnorm_{j}", opset, 4 + j, [layer, {"units": 2, "acts": ["softmax"]}])
    # Flatten of a (2, 4) or (3, 2, 2) input, standardization, Identity and Dropout.
    for j, shape in enumerate([[2, 4], [3, 2, 2], [1, 5], [4, 1]]):
        add(f"flatten_{j}", OPSETS[j + 1], 0, [{"units": 6, "acts": ["selu"]}, {"units": 2, "acts": ["linear"]}],
            input_shape=shape, before=["flatten"])
    for j in range(4):
        add(f"standardize_{j}", [9, 13, 17, 20][j], 3 + j,
            [{"units": 5, "acts": ["relu"]}, {"units": 1, "acts": ["sigmoid"]}], before=["standardize"])
    for j, opset in enumerate([9, 11, 13, 17]):
        add(f"dropout_identity_{j}", opset, 4,
            [{"units": 6, "acts": ["relu", "dropout"]}, {"units": 3, "acts": ["identity", "softmax"]}])
    add("activation_first", 13, 3, [{"units": 4, "acts": ["linear"]}], before=["tanh"])
    for case in out:
        case["inputs"] = case["inputs"] or int(np.prod(case["input_shape"]))
    return out


def refused():
    """Graphs anne must refuse, with the words its error must contain."""
    out = []

    def add(name, words, nodes, inits, n_in=3, n_out=2, opset=13):
        inp = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", n_in])
        outp = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", n_out])
        model = helper.make_model(helper.make_graph(nodes, name, [inp], [outp], inits),
                                  opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = IR_VERSION[opset]
        out.append((name, words, model))

    w = numpy_helper.from_array(np.ones((3, 2), np.float32), "w")
    gemm = helper.make_node("Gemm", ["input", "w"], ["z"], name="fc")
    add("logsoftmax", ["node 'ls' (LogSoftmax)", "not supported", "supported: Gemm"],
        [gemm, helper.make_node("LogSoftmax", ["z"], ["output"], name="ls", axis=-1)], [w])
    add("clip_bounds", ["node 'c' (Clip)", "bounds", "Clip(0, 6) = relu6"],
        [gemm, helper.make_node("Clip", ["z", "lo", "hi"], ["output"], name="c")],
        [w, numpy_helper.from_array(np.float32(-1), "lo"), numpy_helper.from_array(np.float32(1), "hi")])
    add("softmax_axis0", ["node 's' (Softmax)", "axis 0"],
        [gemm, helper.make_node("Softmax", ["z"], ["output"], name="s", axis=0)], [w])
    add("hardsigmoid_beta", ["node 'h' (HardSigmoid)", "beta=0.5"],
        [gemm, helper.make_node("HardSigmoid", ["z"], ["output"], name="h", beta=0.3)], [w])
    add("branch", ["is used by", "single chain"],
        [gemm, helper.make_node("Relu", ["z"], ["r"], name="r"),
         helper.make_node("Tanh", ["z"], ["t"], name="t"),
         helper.make_node("Add", ["r", "t"], ["output"], name="a")], [w])
    add("transA", ["node 'fc' (Gemm)", "transA"],
        [helper.make_node("Gemm", ["input", "w"], ["output"], name="fc", transA=1)], [w])
    add("opset8", ["opset 8", "opsets 9 to 20"],
        [helper.make_node("MatMul", ["input", "w"], ["output"], name="mm")], [w], opset=9)
    out[-1][2].opset_import[0].version = 8
    add("computed_weight", ["node 'mm' (MatMul)", "must be a constant"],
        [helper.make_node("Relu", ["input"], ["r"], name="r"),
         helper.make_node("MatMul", ["r", "r"], ["output"], name="mm")], [], n_out=3)
    return out


def main():
    for sub in ("cases", "refused"):
        shutil.rmtree(os.path.join(HERE, sub), ignore_errors=True)
    for case in cases():
        model, rows = build(dict(case))
        folder = os.path.join(HERE, "cases", case["name"])
        os.makedirs(folder)
        with open(os.path.join(folder, "model.onnx"), "wb") as f:
            f.write(model.SerializeToString())
        ops = sorted({n.op_type for n in model.graph.node} - {"Constant", "Identity"} |
                     {a for layer in case["layers"] for a in layer["acts"]} |
                     {layer.get("form", "gemm") for layer in case["layers"]} |
                     set(case.get("before", [])) |
                     {"batchnorm" for layer in case["layers"] if "bn" in layer or "bn_after" in layer})
        with open(os.path.join(folder, "case.json"), "w") as f:
            json.dump({"opset": case["opset"], "patterns": ops,
                       "input_shape": case.get("input_shape", [case["inputs"]]), "inputs": rows}, f)
    for name, words, model in refused():
        folder = os.path.join(HERE, "refused", name)
        os.makedirs(folder)
        with open(os.path.join(folder, "model.onnx"), "wb") as f:
            f.write(model.SerializeToString())
        with open(os.path.join(folder, "error.json"), "w") as f:
            json.dump({"error_contains": words}, f)
    print(f"wrote {len(cases())} cases and {len(refused())} refused graphs")


if __name__ == "__main__":
    main()
