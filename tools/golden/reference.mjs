// An independent re-implementation of the semantics written down in README.md: the
// activations, layers, losses and optimizers as tfjs 4.22 (tfjs-backend-cpu) defines them.
// The generators use it to check every fixture against the README and to drop inference
// rows that are too ill-conditioned for the C++ test's tolerances.

// tfjs-core/dist/ops/selu_util.js
const SELU_SCALE = 1.0507009873554804934193349852946;
const SELU_SCALE_ALPHA = 1.7580993408473768599402175208123;
// tfjs-backend-cpu/dist/kernels/Softplus.js: log(2^-23) + 2
const SOFTPLUS_THRESHOLD = Math.log(1.1920928955078125e-7) + 2;
// tfjs-core/dist/ops/erf_util.js: Abramowitz & Stegun 7.1.26
const ERF = {p: 0.3275911, a: [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429]};
// tfjs-core/dist/backends/backend.js EPSILON_FLOAT32, used by the losses and optimizers.
export const EPSILON = 1e-7;

function erfAS(x) {
  const v = Math.abs(x);
  const t = 1 / (1 + ERF.p * v);
  const [a1, a2, a3, a4, a5] = ERF.a;
  return Math.sign(x) * (1 - ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t * Math.exp(-v * v));
}

// erf to double precision: Maclaurin series below 3, Laplace's continued fraction for erfc above.
function erfExact(x) {
  const v = Math.abs(x);
  let result;
  if (v < 3) {
    let term = v;
    let sum = v;
    for (let n = 1; Math.abs(term) > 1e-17 * sum; n++) {
      term *= (-v * v) / n;
      sum += term / (2 * n + 1);
    }
    result = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let f = v;
    for (let k = 60; k >= 1; k--) f = v + k / 2 / f;
    result = 1 - Math.exp(-v * v) / Math.sqrt(Math.PI) / f;
  }
  return Math.sign(x) * result;
}

// A precision mode. `r` rounds each intermediate inside an activation formula, `out` rounds
// every layer output and every step of a dot product, `erf` is the error function and
// `reversed` sums dot products from the last input down.
//   F32      tfjs op by op (every tensor float32, its A&S erf), but float32 accumulation;
//   F32_ONCE a typical float C++ loop: activations in float64 rounded once, sums backwards;
//   F64      the mathematical definitions (exact erf, as Keras has it) in float64.
export const F32 = {r: Math.fround, out: Math.fround, erf: erfAS, reversed: false};
export const F32_ONCE = {r: x => x, out: Math.fround, erf: erfExact, reversed: true};
export const F64 = {r: x => x, out: x => x, erf: erfExact, reversed: false};

function softplus(x) {
  if (x < SOFTPLUS_THRESHOLD) return Math.exp(x);
  if (x > -SOFTPLUS_THRESHOLD) return x;
  return Math.log(1 + Math.exp(x));
}

function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}

// Element-wise activations keyed by their Keras (model.json) names, each built for a mode;
// constants pass through r too because tfjs makes every JS number operand a float32 tensor.
const ELEMENTWISE = {
  linear: () => x => x,
  relu: () => x => Math.max(0, x),
  relu6: () => x => Math.min(6, Math.max(0, x)),
  elu: ({r}) => x => (x >= 0 ? x : r(Math.exp(x) - 1)),
  selu: ({r}) => x => r(x >= 0 ? SELU_SCALE * x : SELU_SCALE_ALPHA * (Math.exp(x) - 1)),
  tanh: ({r}) => x => r(Math.tanh(x)),
  sigmoid: ({r}) => x => r(sigmoid(x)),
  hard_sigmoid: ({r}) => x => Math.min(1, Math.max(0, r(r(0.5) + r(r(0.2) * x)))),
  softplus: ({r}) => x => r(softplus(x)),
  softsign: ({r}) => x => r(x / r(Math.abs(x) + 1)),
  swish: ({r}) => x => r(r(sigmoid(x)) * x),
  mish: ({r}) => x => r(x * r(Math.tanh(r(softplus(x))))),
  gelu: ({r, erf}) => x => r(x * r(r(0.5) * r(1 + r(erf(r(x / r(Math.SQRT2))))))),
  gelu_new: ({r}) => {
    const k = r(Math.sqrt(r(r(2) / r(Math.PI))));
    return x => {
      const inner = r(x + r(r(0.044715) * r(x ** 3)));
      return r(r(0.5) * r(x * r(1 + r(Math.tanh(r(k * inner))))));
    };
  },
};

// Row-wise activations (softmax over the last axis, max-shifted as the cpu kernel does).
const ROWWISE = {
  softmax: ({r}) => row => {
    const m = Math.max(...row);
    const e = row.map(v => r(Math.exp(r(v - m))));
    const s = r(e.reduce((a, b) => a + b, 0));
    return e.map(v => r(v / s));
  },
  log_softmax: ({r}) => row => {
    const m = Math.max(...row);
    const shifted = row.map(v => r(v - m));
    const lse = r(Math.log(r(shifted.reduce((a, v) => a + r(Math.exp(v)), 0))));
    return shifted.map(v => r(v - lse));
  },
};

export const ACTIVATIONS = [...Object.keys(ELEMENTWISE), ...Object.keys(ROWWISE)];

// Row function (array -> array) for a Keras activation name.
export function activation(name, mode) {
  const {out} = mode;
  if (ROWWISE[name]) {
    const f = ROWWISE[name](mode);
    return row => f(row).map(out);
  }
  const f = ELEMENTWISE[name](mode);
  return row => row.map(x => out(f(x)));
}

// x . kernel + bias for one row; kernel is [in][units]. tfjs accumulates in float64 and
// rounds once (per 48 inputs), so the float32 modes deliberately differ from it here.
function dense(x, kernel, bias, {out, reversed}) {
  const order = x.map((_, i) => i);
  if (reversed) order.reverse();
  return kernel[0].map((_, j) => {
    let acc = 0;
    for (const i of order) acc = out(acc + out(x[i] * kernel[i][j]));
    return bias ? out(acc + bias[j]) : acc;
  });
}

// One layer of an inference case (see inference.mjs for the layer objects).
function layerForward(layer, x, mode) {
  const {out} = mode;
  switch (layer.type) {
    case 'dense':
      return activation(layer.activation, mode)(dense(x, layer.kernel, layer.bias, mode));
    case 'activation':
      return activation(layer.activation, mode)(x);
    case 'elu':
    case 'softmax':
      return activation(layer.type, mode)(x);
    case 'leaky_relu': {
      const alpha = layer.alpha ?? 0.3; // tfjs-layers/dist/layers/advanced_activations.js DEFAULT_ALPHA
      return x.map(v => (v < 0 ? out(alpha * v) : v));
    }
    case 'relu':
      return x.map(v => Math.min(layer.maxValue ?? Infinity, Math.max(0, v)));
    case 'dropout':
      return x;
    case 'batch_normalization': {
      const {gamma, beta, movingMean, movingVariance, epsilon} = layer;
      return x.map((v, i) => out((beta ? beta[i] : 0) +
        ((v - movingMean[i]) * (gamma ? gamma[i] : 1)) / Math.sqrt(movingVariance[i] + epsilon)));
    }
    default:
      throw new Error(`no reference for layer ${layer.type}`);
  }
}

export function predictRow(layers, x, mode) {
  return layers.reduce((h, layer) => layerForward(layer, h, mode), x);
}

// ---- training (float64) ----------------------------------------------------------

// dL/dz from dL/dy for y = act(z), one row.
function activationBackward(name, z, y, g) {
  switch (name) {
    case 'linear': return g;
    case 'relu': return g.map((v, i) => (z[i] > 0 ? v : 0));
    case 'elu': return g.map((v, i) => (y[i] >= 0 ? v : v * (y[i] + 1)));
    case 'tanh': return g.map((v, i) => v * (1 - y[i] * y[i]));
    case 'sigmoid': return g.map((v, i) => v * y[i] * (1 - y[i]));
    case 'softmax': {
      const dot = g.reduce((a, v, i) => a + v * y[i], 0);
      return g.map((v, i) => y[i] * (v - dot));
    }
    default: throw new Error(`no training reference for activation ${name}`);
  }
}

const clip = v => Math.min(1 - EPSILON, Math.max(EPSILON, v));
const inClip = v => v >= EPSILON && v <= 1 - EPSILON;

// Categorical cross-entropy of one row as tfjs writes it: renormalise p by its sum, clip,
// -sum t log. Returns the loss and dL/dp (the clip passes gradient only inside the range).
function categoricalRow(t, p) {
  const s = p.reduce((a, b) => a + b, 0);
  const q = p.map(v => v / s);
  const loss = -t.reduce((a, ti, i) => a + ti * Math.log(clip(q[i])), 0);
  const dq = q.map((v, i) => (inClip(v) ? -t[i] / v : 0));
  const dqDotQ = dq.reduce((a, v, i) => a + v * q[i], 0);
  return {loss, grad: dq.map(v => (v - dqDotQ) / s)};
}

// Per-row loss and dL/dp (before the batch mean), keyed by the fixture's loss name.
const LOSSES = {
  mean_squared_error: (t, p) => ({
    loss: p.reduce((a, v, i) => a + (v - t[i]) ** 2, 0) / p.length,
    grad: p.map((v, i) => (2 * (v - t[i])) / p.length),
  }),
  binary_crossentropy: (t, p) => ({
    loss: p.reduce((a, v, i) => {
      const c = clip(v);
      return a - t[i] * Math.log(c) - (1 - t[i]) * Math.log(1 - c);
    }, 0) / p.length,
    grad: p.map((v, i) => (inClip(v) ? (v - t[i]) / (v * (1 - v)) / p.length : 0)),
  }),
  categorical_crossentropy: categoricalRow,
  sparse_categorical_crossentropy: (t, p) => {
    const oneHot = p.map((_, i) => (i === t[0] ? 1 : 0));
    const {loss, grad} = categoricalRow(oneHot, p.map(clip));
    return {loss, grad: grad.map((v, i) => (inClip(p[i]) ? v : 0))};
  },
};

// Mean batch loss and gradients for layers [{kernel, bias?, activation}], in float64.
function lossAndGradients(layers, lossName, xs, ys) {
  const grads = layers.map(l => ({
    kernel: l.kernel.map(row => row.map(() => 0)),
    bias: l.bias && l.bias.map(() => 0),
  }));
  let total = 0;
  xs.forEach((x, n) => {
    const inputs = [];
    const pre = [];
    const post = [];
    let h = x;
    for (const l of layers) {
      inputs.push(h);
      pre.push(dense(h, l.kernel, l.bias, F64));
      h = activation(l.activation, F64)(pre.at(-1));
      post.push(h);
    }
    const {loss, grad} = LOSSES[lossName](ys[n], h);
    total += loss;
    let g = grad.map(v => v / xs.length);
    for (let k = layers.length - 1; k >= 0; k--) {
      const dz = activationBackward(layers[k].activation, pre[k], post[k], g);
      inputs[k].forEach((xi, i) => dz.forEach((d, j) => { grads[k].kernel[i][j] += xi * d; }));
      if (grads[k].bias) dz.forEach((d, j) => { grads[k].bias[j] += d; });
      g = layers[k].kernel.map(row => row.reduce((a, w, j) => a + w * dz[j], 0));
    }
  });
  return {loss: total / xs.length, grads};
}

// The optimizer update rules written in README.md, one parameter array at a time.
function makeOptimizer(opt) {
  const state = new Map();
  let t = 0;
  const slot = (key, init) => {
    if (!state.has(key)) state.set(key, init());
    return state.get(key);
  };
  const rules = {
    sgd: (w, g, key) => {
      if (opt.momentum === 0) return w.map((v, i) => v - opt.learning_rate * g[i]);
      const acc = slot(key, () => w.map(() => 0));
      return w.map((v, i) => {
        acc[i] = opt.momentum * acc[i] + g[i];
        const step = opt.nesterov ? g[i] + opt.momentum * acc[i] : acc[i];
        return v - opt.learning_rate * step;
      });
    },
    adam: (w, g, key) => {
      const m = slot(`${key}/m`, () => w.map(() => 0));
      const v = slot(`${key}/v`, () => w.map(() => 0));
      return w.map((wi, i) => {
        m[i] = opt.beta_1 * m[i] + (1 - opt.beta_1) * g[i];
        v[i] = opt.beta_2 * v[i] + (1 - opt.beta_2) * g[i] * g[i];
        const mHat = m[i] / (1 - opt.beta_1 ** t);
        const vHat = v[i] / (1 - opt.beta_2 ** t);
        return wi - (opt.learning_rate * mHat) / (Math.sqrt(vHat) + opt.epsilon);
      });
    },
    rmsprop: (w, g, key) => {
      const ms = slot(`${key}/rms`, () => w.map(() => 0));
      const mom = slot(`${key}/momentum`, () => w.map(() => 0));
      return w.map((wi, i) => {
        ms[i] = opt.rho * ms[i] + (1 - opt.rho) * g[i] * g[i];
        mom[i] = opt.momentum * mom[i] + (opt.learning_rate * g[i]) / Math.sqrt(ms[i] + opt.epsilon);
        return wi - mom[i];
      });
    },
  };
  const rule = rules[opt.name];
  return {
    step(layers, grads) {
      t += 1;
      return layers.map((l, k) => ({
        ...l,
        kernel: l.kernel.map((row, i) => rule(row, grads[k].kernel[i], `${k}/kernel/${i}`)),
        bias: l.bias && rule(l.bias, grads[k].bias, `${k}/bias`),
      }));
    },
  };
}

// Replays a training fixture in float64: returns the loss per step and the final layers.
export function train(fixture) {
  const optimizer = makeOptimizer(fixture.optimizer);
  let layers = fixture.layers.map((l, k) => ({activation: l.activation, ...fixture.initial[k]}));
  const losses = [];
  for (const {x, y} of fixture.batches) {
    const {loss, grads} = lossAndGradients(layers, fixture.loss, x, y);
    losses.push(loss);
    layers = optimizer.step(layers, grads);
  }
  return {losses, final: layers.map(({kernel, bias}) => ({kernel, bias}))};
}
