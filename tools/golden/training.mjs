// Part B: 20 trainOnBatch steps per case from known weights and batches, recording the loss
// of every step and all weights afterwards (tests/golden/train/).
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {EPSILON, train} from './reference.mjs';
import {Rng, resetDir, writeJson} from './util.mjs';

const STEPS = 20;
// Largest |tfjs - float64 replay| accepted, relative to max(1, |value|): tfjs runs in
// float32, so this only has to absorb rounding, never a different update rule.
const REPLAY_TOL = 1e-4;

const TFJS_LOSS = {
  binary_crossentropy: 'binaryCrossentropy',
  categorical_crossentropy: 'categoricalCrossentropy',
  sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy',
  mean_squared_error: 'meanSquaredError',
};

const SHAPES = {
  '4-3relu-1sigmoid': {inputs: 4, layers: [[3, 'relu'], [1, 'sigmoid']], loss: 'binary_crossentropy'},
  '2-8tanh-1sigmoid': {inputs: 2, layers: [[8, 'tanh'], [1, 'sigmoid']], loss: 'binary_crossentropy'},
  '4-8relu-6elu-3softmax': {inputs: 4, layers: [[8, 'relu'], [6, 'elu'], [3, 'softmax']], loss: 'categorical_crossentropy'},
  '3-4sigmoid-2sigmoid-nobias': {inputs: 3, layers: [[4, 'sigmoid'], [2, 'sigmoid']], useBias: false, loss: 'binary_crossentropy'},
  '10-16relu-16relu-4linear': {inputs: 10, layers: [[16, 'relu'], [16, 'relu'], [4, 'linear']], loss: 'mean_squared_error'},
  '3-5tanh-1tanh': {inputs: 3, layers: [[5, 'tanh'], [1, 'tanh']], loss: 'mean_squared_error'},
  '4-8relu-3softmax': {inputs: 4, layers: [[8, 'relu'], [3, 'softmax']], loss: 'sparse_categorical_crossentropy'},
};

const sgd = (learning_rate, momentum = 0, nesterov = false) => ({name: 'sgd', learning_rate, momentum, nesterov});
const adam = learning_rate => ({name: 'adam', learning_rate, beta_1: 0.9, beta_2: 0.999, epsilon: EPSILON});
const rmsprop = (learning_rate, momentum = 0) => ({name: 'rmsprop', learning_rate, rho: 0.9, momentum, epsilon: EPSILON});

const CASES = [
  ['4-3relu-1sigmoid', sgd(0.5)], ['4-3relu-1sigmoid', sgd(0.1, 0.9)], ['4-3relu-1sigmoid', adam(0.05)],
  ['4-3relu-1sigmoid', rmsprop(0.01)],
  ['2-8tanh-1sigmoid', sgd(0.5)], ['2-8tanh-1sigmoid', sgd(0.1, 0.9)], ['2-8tanh-1sigmoid', adam(0.05)],
  ['2-8tanh-1sigmoid', sgd(0.1, 0.9), {batchSize: 1}],
  ['4-8relu-6elu-3softmax', sgd(0.3)], ['4-8relu-6elu-3softmax', sgd(0.05, 0.9)], ['4-8relu-6elu-3softmax', adam(0.02)],
  ['4-8relu-6elu-3softmax', sgd(0.05, 0.9, true)],
  ['3-4sigmoid-2sigmoid-nobias', sgd(0.5)], ['3-4sigmoid-2sigmoid-nobias', sgd(0.1, 0.9)], ['3-4sigmoid-2sigmoid-nobias', adam(0.05)],
  ['10-16relu-16relu-4linear', sgd(0.1)], ['10-16relu-16relu-4linear', sgd(0.02, 0.9)], ['10-16relu-16relu-4linear', adam(0.01)],
  ['10-16relu-16relu-4linear', rmsprop(0.005, 0.9)], ['10-16relu-16relu-4linear', adam(0.01), {batchSize: 7}],
  ['3-5tanh-1tanh', sgd(0.2)], ['3-5tanh-1tanh', rmsprop(0.01)],
  ['4-8relu-3softmax', sgd(0.3)], ['4-8relu-3softmax', adam(0.02)],
];

function tfjsOptimizer(opt) {
  switch (opt.name) {
    case 'sgd': return opt.momentum === 0 ? tf.train.sgd(opt.learning_rate) : tf.train.momentum(opt.learning_rate, opt.momentum, opt.nesterov);
    case 'adam': return tf.train.adam(opt.learning_rate, opt.beta_1, opt.beta_2, opt.epsilon);
    case 'rmsprop': return tf.train.rmsprop(opt.learning_rate, opt.rho, opt.momentum, opt.epsilon);
    default: throw new Error(`unknown optimizer ${opt.name}`);
  }
}

// Targets come from a random "teacher" so the steps pull the weights somewhere definite.
function makeBatches(rng, shape, batchSize) {
  const outputs = shape.layers.at(-1)[0];
  const teacher = rng.matrix(shape.inputs, outputs, () => rng.normal());
  const target = x => {
    const z = teacher[0].map((_, j) => x.reduce((a, xi, i) => a + xi * teacher[i][j], 0) + 0.3 * rng.normal());
    const best = z.indexOf(Math.max(...z));
    switch (shape.loss) {
      case 'binary_crossentropy': return z.map(v => (v > 0 ? 1 : 0));
      case 'categorical_crossentropy': return z.map((_, j) => (j === best ? 1 : 0));
      case 'sparse_categorical_crossentropy': return [best];
      default: return z.map(v => Math.fround(shape.layers.at(-1)[1] === 'tanh' ? 0.9 * Math.tanh(v) : v));
    }
  };
  return Array.from({length: STEPS}, () => {
    const x = rng.matrix(batchSize, shape.inputs, () => rng.normal());
    return {x, y: x.map(target)};
  });
}

function initialWeights(rng, shape) {
  let width = shape.inputs;
  return shape.layers.map(([units]) => {
    const limit = Math.sqrt(6 / (width + units));
    const kernel = rng.matrix(width, units, () => rng.uniform(-limit, limit));
    const bias = shape.useBias === false ? undefined : rng.matrix(1, units, () => rng.uniform(-0.1, 0.1))[0];
    width = units;
    return {kernel, bias};
  });
}

function buildModel(fixture) {
  const model = tfl.sequential({name: 'sequential'});
  fixture.layers.forEach((l, k) => {
    const layer = tfl.layers.dense({
      name: k ? `dense_${k}` : 'dense', units: l.units, activation: l.activation, useBias: l.use_bias,
      kernelInitializer: 'zeros', biasInitializer: 'zeros', ...(k === 0 && {inputShape: [fixture.inputs]}),
    });
    model.add(layer);
    const {kernel, bias} = fixture.initial[k];
    layer.setWeights([kernel, bias].filter(Boolean).map(w => tf.tensor(w)));
  });
  model.compile({optimizer: tfjsOptimizer(fixture.optimizer), loss: TFJS_LOSS[fixture.loss]});
  return model;
}

function optimizerLabel(opt) {
  if (opt.name === 'sgd' && opt.momentum) return opt.nesterov ? 'nesterov' : 'momentum';
  return opt.name === 'rmsprop' && opt.momentum ? 'rmsprop-momentum' : opt.name;
}

function maxDeviation(got, want) {
  if (got == null && want == null) return 0;
  if (Array.isArray(got)) return Math.max(0, ...got.map((g, i) => maxDeviation(g, want[i])));
  if (got && typeof got === 'object') return Math.max(0, ...Object.keys(got).map(k => maxDeviation(got[k], want[k])));
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

export async function generateTraining(outDir, {seed, version}) {
  resetDir(outDir);
  let worst = 0;
  const names = [];
  for (const [n, [shapeName, optimizer, options = {}]] of CASES.entries()) {
    const shape = SHAPES[shapeName];
    const batchSize = options.batchSize ?? 8;
    const rng = new Rng(seed + 5000 + n);
    const fixture = {
      source: `TensorFlow.js ${version} trainOnBatch`,
      inputs: shape.inputs,
      layers: shape.layers.map(([units, activation]) => ({units, activation, use_bias: shape.useBias !== false})),
      loss: shape.loss,
      optimizer,
      initial: initialWeights(rng, shape),
      batches: makeBatches(rng, shape, batchSize),
    };
    const model = buildModel(fixture);
    fixture.losses = [];
    for (const batch of fixture.batches) {
      const [x, y] = [tf.tensor2d(batch.x), tf.tensor2d(batch.y)];
      fixture.losses.push(await model.trainOnBatch(x, y));
      tf.dispose([x, y]);
    }
    const weights = model.getWeights().map(w => w.arraySync());
    fixture.final = fixture.layers.map(l => ({kernel: weights.shift(), bias: l.use_bias ? weights.shift() : undefined}));
    model.dispose();

    const replay = train(fixture);
    const deviation = Math.max(maxDeviation(fixture.losses, replay.losses), maxDeviation(fixture.final, replay.final));
    const name = `${shapeName}_${optimizerLabel(optimizer)}${options.batchSize ? `_bs${batchSize}` : ''}`;
    if (!(deviation <= REPLAY_TOL)) throw new Error(`${name}: tfjs differs from the README rules by ${deviation}`);
    worst = Math.max(worst, deviation);
    names.push(name);
    writeJson(path.join(outDir, `${name}.json`), fixture);
  }
  return {cases: names.length, worstReplayDeviation: worst};
}
