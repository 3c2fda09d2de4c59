# The original AI-ANNE MicroPython code's way of computing, written afresh for the benchmarks
# from its published description (docs/performance.md, FACTS.md section 1): a network is lists
# of lists; `neuron` computes one neuron for every sample it is given, picking its activation
# by name; `dense` calls it neuron after neuron, so a layer's result comes out transposed
# (one list per neuron, across the samples) and is turned back before the next layer.
# Plain Python that runs unchanged under MicroPython and CPython (floats are doubles in both
# here; on a Pico they are single precision). The defects listed in FACTS.md are not copied:
# relu, sigmoid, tanh and linear per neuron, and softmax as Keras computes it: over the units of
# one sample, once the layer's result is turned back (the original maps 'softmax' to tanh).
import math


# The batch cases the peers run through `predict`: every MLP at batch 1, 32 and 1024, except
# 784-256-128-10 at 1024: 240 million multiply-adds, about 10 s a call under CPython and nearly
# 3 minutes under MicroPython.
BATCHES = [(name, batch) for name in ("mlp_4_8_3", "mlp_64_128_10", "mlp_784_256_128_10")
           for batch in (1, 32, 1024) if (name, batch) != ("mlp_784_256_128_10", 1024)]


def relu(x):
    return x if x > 0 else 0.0


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def tanh(x):
    a = math.exp(x)
    b = math.exp(-x)
    return (a - b) / (a + b)


def neuron(x, w, b, activation):
    """One neuron for every sample in x (a list of samples, each a list of inputs): w holds this
    neuron's weights, b its bias. Returns the neuron's output for each sample."""
    out = []
    for sample in x:
        z = 0.0
        for i in range(len(w)):
            z += w[i] * sample[i]
        z += b
        if activation == "relu":
            out.append(relu(z))
        elif activation == "sigmoid":
            out.append(sigmoid(z))
        elif activation == "tanh":
            out.append(tanh(z))
        else:
            out.append(z)
    return out


def dense(nunit, x, w, b, activation):
    """A layer of nunit neurons, one after the other. w is [input][unit], as Keras stores it,
    so neuron j's weights are column j. Returns one list per neuron (units x samples)."""
    res = []
    for j in range(nunit):
        wj = [w[i][j] for i in range(len(w))]
        res.append(neuron(x, wj, b[j], activation))
    return res


def transpose(m):
    return [[m[r][c] for r in range(len(m))] for c in range(len(m[0]))]


def softmax(z):
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def predict(layers, x):
    """layers: [(w, b, activation), ...]; x: a list of samples. Returns a list of outputs."""
    for w, b, activation in layers:
        x = transpose(dense(len(b), x, w, b, activation))
        if activation == "softmax":  # the neurons gave z (linear): now per sample
            x = [softmax(z) for z in x]
    return x


def predict_each(layers, rows, repeats):
    """One predict call per sample (a list with one sample), repeats times over rows: how the
    original code classifies one flower. Returns the last outputs."""
    out = None
    for _ in range(repeats):
        out = [predict(layers, [row])[0] for row in rows]
    return out


def train_selflearn(w1, b1, w2, b2, xs, ys, epochs, lr):
    """The self-learning example: 4 -> 3 relu -> 1 sigmoid, binary cross-entropy, plain
    gradient descent after every sample (updates w1, b1, w2, b2 in place). With a sigmoid
    output, dL/dz = p - y. Returns the last epoch's mean loss."""
    n_in, n_hid = len(w1), len(b1)
    loss = 0.0
    for _ in range(epochs):
        loss = 0.0
        for s in range(len(xs)):
            x, y = xs[s], ys[s]
            z1 = []
            for j in range(n_hid):
                z = 0.0
                for i in range(n_in):
                    z += x[i] * w1[i][j]
                z1.append(z + b1[j])
            h = [relu(z) for z in z1]
            z2 = b2[0]
            for j in range(n_hid):
                z2 += h[j] * w2[j][0]
            p = sigmoid(z2)
            # the loss from the logit, stable: max(z, 0) - z y + ln(1 + e^-|z|)
            loss += max(z2, 0.0) - z2 * y + math.log(1 + math.exp(-abs(z2)))
            d2 = p - y
            dh = [d2 * w2[j][0] * (1.0 if z1[j] > 0 else 0.0) for j in range(n_hid)]
            for j in range(n_hid):
                w2[j][0] -= lr * d2 * h[j]
            b2[0] -= lr * d2
            for i in range(n_in):
                for j in range(n_hid):
                    w1[i][j] -= lr * dh[j] * x[i]
            for j in range(n_hid):
                b1[j] -= lr * dh[j]
        loss /= len(xs)
    return loss
