// Part A: random Sequential models saved in the TensorFlow.js Layers format, with inputs and
// the outputs tfjs's model.predict gives for them (tests/golden/tfjs/).
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {ACTIVATIONS, F32, F32_ONCE, F64, predictRow} from './reference.mjs';
import {Rng, resetDir, writeJson} from './util.mjs';

// Final activations whose outputs lie in [-1, 1] or [0, 1]: the C++ test compares those with
// an absolute tolerance, everything else with a relative one.
const BOUNDED = new Set(['sigmoid', 'tanh', 'softmax', 'hard_sigmoid', 'softsign']);
const ABS_TOL = 1e-6;
const REL_TOL = 1e-5;
// A row is kept only if the float64 and both float32 evaluations of the README formulas
// (reference.mjs) land this far inside the test tolerance of tfjs's output, i.e. only if
// the result does not hinge on how an implementation rounds.
const MARGIN = 0.25;
const CHECK_MODES = [F64, F32, F32_ONCE];
const ROWS = 8;
const LARGE_ROWS = 3;

// tfjs accepts camelCase identifiers for Dense activations (hard_sigmoid and log_softmax
// are rejected) and writes snake_case into model.json; gelu_new is the one identifier
// that stays snake_case in both.
const tfjsActivation = name => (name === 'gelu_new' ? name : name.replace(/_(\w)/g, (_, c) => c.toUpperCase()));

// ---- case specs -----------------------------------------------------------------------
// A case is {tag, inputs, layers}; a layer is one of
//   {type: 'dense', units, activation, useBias}
//   {type: 'activation', activation}   {type: 'leaky_relu', alpha?}   {type: 'relu', maxValue?}
//   {type: 'elu', alpha?}   {type: 'softmax'}   {type: 'dropout', rate}
//   {type: 'batch_normalization', center, scale, epsilon?}
// Weights are attached later (attachWeights); `alpha`/`epsilon` left undefined use tfjs's default.

const dense = (units, activation, useBias = true) => ({type: 'dense', units, activation, useBias});

function smallWidth(rng) {
  return rng.chance(0.7) ? rng.int(1, 8) : rng.int(9, 32);
}

function randomStack(rng, depth, pickActivation, useBias = () => true) {
  return Array.from({length: depth}, () => dense(smallWidth(rng), pickActivation(), useBias()));
}

// Every activation as the only, hidden, final and repeated activation, with and without bias.
function activationSweep(rng) {
  return ACTIVATIONS.flatMap(act => [
    {tag: `act-${act}-single`, inputs: rng.int(1, 8), layers: [dense(rng.int(1, 8), act)]},
    {tag: `act-${act}-hidden`, inputs: rng.int(2, 12), layers: [dense(rng.int(2, 16), act), dense(rng.int(1, 6), 'linear')]},
    {tag: `act-${act}-final`, inputs: rng.int(2, 12), layers: [dense(rng.int(2, 16), 'relu'), dense(rng.int(1, 6), act)]},
    {tag: `act-${act}-stack3`, inputs: rng.int(1, 16), layers: randomStack(rng, 3, () => act)},
    {tag: `act-${act}-nobias`, inputs: rng.int(1, 16), layers: randomStack(rng, 2, () => act, () => false)},
    {tag: `act-${act}-mixed`, inputs: rng.int(1, 24), layers: randomStack(rng, rng.int(2, 5), () => (rng.chance(0.5) ? act : rng.pick(ACTIVATIONS)), () => rng.chance(0.8))},
    {tag: `act-${act}-1unit`, inputs: rng.int(1, 6), layers: [dense(rng.int(1, 8), rng.pick(ACTIVATIONS)), dense(1, act)]},
  ]);
}

// Dense -> standalone layer -> Dense, so each standalone layer sees arbitrary signs.
function around(rng, middle, final = rng.pick(['linear', 'sigmoid', 'softmax', 'tanh'])) {
  return {inputs: rng.int(1, 12), layers: [dense(rng.int(2, 12), 'linear'), ...middle, dense(rng.int(1, 5), final)]};
}

function standaloneLayers(rng) {
  const cases = [];
  const add = (tag, spec) => cases.push({tag, ...spec});
  for (let k = 0; k < 3; k++) add('leaky-relu-default', around(rng, [{type: 'leaky_relu'}]));
  for (const alpha of [0.01, 0.1, 0.2, 0.5]) add(`leaky-relu-a${alpha}`, around(rng, [{type: 'leaky_relu', alpha}]));
  add('leaky-relu-final', {inputs: rng.int(1, 8), layers: [dense(rng.int(1, 6), 'linear'), {type: 'leaky_relu', alpha: 0.05}]});
  add('leaky-relu-first', {inputs: rng.int(1, 8), layers: [{type: 'leaky_relu', alpha: 0.2}, dense(rng.int(1, 6), 'tanh')]});
  for (let k = 0; k < 2; k++) add('relu-layer', around(rng, [{type: 'relu'}]));
  add('relu-layer-max6', around(rng, [{type: 'relu', maxValue: 6}], 'linear'));
  add('relu-layer-max1.5', {inputs: rng.int(1, 8), layers: [dense(rng.int(1, 6), 'linear'), {type: 'relu', maxValue: 1.5}]});
  for (let k = 0; k < 2; k++) add('elu-layer', around(rng, [{type: 'elu'}]));
  add('elu-layer-a1', around(rng, [{type: 'elu', alpha: 1}], 'linear'));
  for (let k = 0; k < 2; k++) add('softmax-layer', {inputs: rng.int(1, 12), layers: [dense(rng.int(2, 10), 'linear'), {type: 'softmax'}]});
  add('softmax-layer-deep', {inputs: rng.int(1, 12), layers: [dense(rng.int(2, 12), 'relu'), dense(rng.int(2, 8), 'linear'), {type: 'softmax'}]});
  for (const act of ACTIVATIONS) add(`activation-layer-${act}`, around(rng, [{type: 'activation', activation: act}], 'linear'));
  for (const rate of [0.1, 0.25, 0.5]) add(`dropout-${rate}`, around(rng, [{type: 'dropout', rate}]));
  add('dropout-final', {inputs: rng.int(1, 8), layers: [dense(rng.int(1, 6), 'sigmoid'), {type: 'dropout', rate: 0.3}]});
  const bn = (center = true, scale = true, epsilon = undefined) => ({type: 'batch_normalization', center, scale, epsilon});
  for (let k = 0; k < 3; k++) add('batchnorm', around(rng, [bn()]));
  add('batchnorm-relu', around(rng, [bn(), {type: 'activation', activation: 'relu'}], 'linear'));
  add('batchnorm-eps1e-5', around(rng, [bn(true, true, 1e-5)]));
  add('batchnorm-nocenter', around(rng, [bn(false, true)]));
  add('batchnorm-noscale', around(rng, [bn(true, false)]));
  add('batchnorm-final', {inputs: rng.int(1, 8), layers: [dense(rng.int(1, 8), 'tanh'), bn()]});
  add('batchnorm-first', {inputs: rng.int(1, 8), layers: [bn(), dense(rng.int(1, 6), 'sigmoid')]});
  return cases;
}

function shapes(rng) {
  const cases = [];
  const any = () => rng.pick(ACTIVATIONS);
  for (let k = 0; k < 6; k++) cases.push({tag: 'deep8', inputs: rng.int(1, 16), layers: randomStack(rng, 8, any, () => rng.chance(0.85))});
  for (let k = 0; k < 3; k++) cases.push({tag: 'deep8-relu', inputs: rng.int(2, 16), layers: [...randomStack(rng, 7, () => 'relu'), dense(rng.int(1, 4), 'linear')]});
  cases.push({tag: 'wide256-softmax', inputs: 8, layers: [dense(256, 'relu'), dense(4, 'softmax')]});
  cases.push({tag: 'wide256-sigmoid', inputs: 12, layers: [dense(256, 'tanh'), dense(1, 'sigmoid')]});
  cases.push({tag: 'wide256-gelu', inputs: 16, layers: [dense(256, 'gelu'), dense(8, 'linear')]});
  cases.push({tag: 'wide256x256', inputs: 4, layers: [dense(256, 'relu'), dense(256, 'relu'), dense(2, 'linear')]});
  cases.push({tag: 'inputs256', inputs: 256, layers: [dense(4, 'relu'), dense(2, 'softmax')]});
  cases.push({tag: 'inputs256-linear', inputs: 256, layers: [dense(3, 'linear')]});
  for (let k = 0; k < 4; k++) cases.push({tag: 'inputs64', inputs: 64, layers: randomStack(rng, rng.int(1, 3), any)});
  for (let k = 0; k < 3; k++) cases.push({tag: 'width64', inputs: rng.int(8, 32), layers: [dense(64, any()), dense(rng.int(1, 8), any())]});
  for (let k = 0; k < 4; k++) cases.push({tag: 'nobias', inputs: rng.int(1, 16), layers: randomStack(rng, rng.int(1, 4), any, () => false)});
  for (const act of ['linear', 'relu', 'sigmoid']) cases.push({tag: `1to1-${act}`, inputs: 1, layers: [dense(1, act)]});
  return cases;
}

function randomModel(rng) {
  const depth = rng.chance(0.7) ? rng.int(1, 4) : rng.int(5, 8);
  const layers = [];
  for (let k = 0; k < depth; k++) {
    layers.push(dense(smallWidth(rng), rng.pick(ACTIVATIONS), rng.chance(0.85)));
    if (k < depth - 1 && rng.chance(0.15)) {
      layers.push(rng.pick([
        {type: 'leaky_relu', alpha: rng.chance(0.5) ? undefined : rng.pick([0.01, 0.1, 0.3])},
        {type: 'relu'}, {type: 'elu'}, {type: 'dropout', rate: 0.2},
        {type: 'batch_normalization', center: true, scale: true},
        {type: 'activation', activation: rng.pick(ACTIVATIONS)},
      ]));
    }
  }
  return {tag: 'random', inputs: rng.chance(0.8) ? rng.int(1, 16) : rng.int(17, 64), layers};
}

export function caseSpecs(seed, total) {
  const rng = new Rng(seed);
  const cases = [...activationSweep(rng), ...standaloneLayers(rng), ...shapes(rng)];
  while (cases.length < total) cases.push(randomModel(rng));
  return cases;
}

// ---- weights and rows ------------------------------------------------------------------

// Glorot-uniform-like kernels with a gain of up to 2 so activations leave their linear
// range; biases and batch-norm statistics are non-trivial on purpose.
function attachWeights(spec, rng) {
  let width = spec.inputs;
  return spec.layers.map(layer => {
    if (layer.type === 'dense') {
      const limit = Math.sqrt(6 / (width + layer.units)) * rng.uniform(0.8, 2);
      const kernel = rng.matrix(width, layer.units, () => rng.uniform(-limit, limit));
      const bias = layer.useBias ? rng.matrix(1, layer.units, () => rng.uniform(-0.5, 0.5))[0] : null;
      width = layer.units;
      return {...layer, kernel, bias};
    }
    if (layer.type === 'batch_normalization') {
      const vec = (lo, hi) => rng.matrix(1, width, () => rng.uniform(lo, hi))[0];
      return {
        ...layer,
        gamma: layer.scale ? vec(0.5, 2).map(v => v * rng.sign()) : null,
        beta: layer.center ? vec(-1, 1) : null,
        movingMean: vec(-1, 1),
        movingVariance: vec(0.1, 4),
        epsilon: layer.epsilon ?? 1e-3,
      };
    }
    return layer;
  });
}

// Rows 0..4: normal values with a per-row scale. Rows 5..7: large magnitudes, the last one
// mixing +-1e4, +-1e3, +-50 and ordinary values in the same row.
function drawRow(rng, inputs, row) {
  const large = row - (ROWS - LARGE_ROWS);
  let draw;
  if (large < 0) {
    const scale = rng.uniform(0.5, 3);
    draw = () => rng.normal() * scale;
  } else if (large === 0) {
    draw = () => rng.uniform(-50, 50);
  } else if (large === 1) {
    draw = () => rng.sign() * rng.pick([50, 1000]) * rng.uniform(0.5, 1);
  } else {
    draw = () => rng.sign() * rng.pick([1e4, 1000, 50, rng.uniform(0, 2)]);
  }
  return rng.matrix(1, inputs, draw)[0];
}

function withinTolerance(got, want, bounded) {
  return got.every((g, i) => Math.abs(g - want[i]) <= MARGIN * (bounded ? ABS_TOL : REL_TOL * Math.abs(want[i])));
}

function tfjsLayer(layer, name, inputShape) {
  const common = {name, ...(inputShape && {inputShape})};
  switch (layer.type) {
    case 'dense':
      return tfl.layers.dense({...common, units: layer.units, activation: tfjsActivation(layer.activation), useBias: layer.useBias,
        // Weights come from setWeights; zero initialisers keep tfjs's own RNG out of the way.
        kernelInitializer: 'zeros', biasInitializer: 'zeros'});
    case 'activation': return tfl.layers.activation({...common, activation: tfjsActivation(layer.activation)});
    case 'leaky_relu': return tfl.layers.leakyReLU({...common, alpha: layer.alpha});
    case 'relu': return tfl.layers.reLU({...common, maxValue: layer.maxValue});
    case 'elu': return tfl.layers.elu({...common, alpha: layer.alpha});
    case 'softmax': return tfl.layers.softmax(common);
    case 'dropout': return tfl.layers.dropout({...common, rate: layer.rate});
    case 'batch_normalization':
      return tfl.layers.batchNormalization({...common, center: layer.center, scale: layer.scale, epsilon: layer.epsilon});
    default: throw new Error(`unknown layer ${layer.type}`);
  }
}

// Keras-style layer names (dense, dense_1, ...), so names do not depend on how many models
// this process built before.
const KERAS_NAMES = {dense: 'dense', activation: 'activation', leaky_relu: 'leaky_re_lu', relu: 're_lu', elu: 'elu',
  softmax: 'softmax', dropout: 'dropout', batch_normalization: 'batch_normalization'};

function buildModel(inputs, layers) {
  const model = tfl.sequential({name: 'sequential'});
  const seen = {};
  layers.forEach((layer, i) => {
    const base = KERAS_NAMES[layer.type];
    seen[base] = (seen[base] ?? -1) + 1;
    const tfLayer = tfjsLayer(layer, seen[base] ? `${base}_${seen[base]}` : base, i === 0 ? [inputs] : undefined);
    model.add(tfLayer);
    const weights = layer.type === 'dense' ? [layer.kernel, layer.bias]
      : layer.type === 'batch_normalization' ? [layer.gamma, layer.beta, layer.movingMean, layer.movingVariance] : [];
    const present = weights.filter(w => w != null);
    if (present.length) tfLayer.setWeights(present.map(w => tf.tensor(w)));
  });
  return model;
}

function predict(model, rows) {
  return tf.tidy(() => model.predict(tf.tensor2d(rows)).arraySync());
}

const describeActivation = layer => {
  switch (layer.type) {
    case 'dense': case 'activation': return layer.activation;
    case 'leaky_relu': return `leaky_relu(alpha=${layer.alpha ?? 0.3})`;
    case 'relu': return layer.maxValue == null ? 'relu' : `relu(max_value=${layer.maxValue})`;
    case 'elu': return 'elu(alpha=1)';
    case 'softmax': return 'softmax';
    default: return null;
  }
};

function describeLayer(layer) {
  switch (layer.type) {
    case 'dense': return `${layer.units}:${layer.activation}${layer.useBias ? '' : ':nobias'}`;
    case 'activation': return `Activation(${layer.activation})`;
    case 'dropout': return `Dropout(${layer.rate})`;
    case 'batch_normalization':
      return `BatchNorm(${[!layer.center && 'nocenter', !layer.scale && 'noscale', layer.epsilon !== 1e-3 && `eps=${layer.epsilon}`].filter(Boolean).join(',')})`;
    default: return describeActivation(layer).replace(/^(\w+)/, m => ({leaky_relu: 'LeakyReLU', relu: 'ReLU', elu: 'ELU', softmax: 'Softmax'})[m]);
  }
}

// Whether the last value-changing layer squashes into [-1, 1] or [0, 1].
function isBounded(layers) {
  const last = layers.filter(l => l.type !== 'dropout').at(-1);
  if (last.type === 'softmax') return true;
  return (last.type === 'dense' || last.type === 'activation') && BOUNDED.has(last.activation);
}

async function saveModel(model, dir) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async a => {
    artifacts = a;
    return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
  }));
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{paths: ['weights.bin'], weights: artifacts.weightSpecs}],
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
  };
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData)));
  return artifacts;
}

// Reloading proves model.json + weights.bin alone reproduce the outputs. tfjs 4.22 cannot
// reload gelu_new (it camel-cases the name to an unregistered "geluNew"), so those skip it.
async function checkReload(artifacts, layers, rows, outputs) {
  if (layers.some(l => l.activation === 'gelu_new')) return;
  const reloaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  const again = predict(reloaded, rows);
  if (JSON.stringify(again) !== JSON.stringify(outputs)) throw new Error('reloaded model predicts differently');
}

export async function generateInference(outDir, {seed, total, version}) {
  resetDir(outDir);
  const index = [];
  let rejected = 0;
  const specs = caseSpecs(seed, total);
  for (const [n, spec] of specs.entries()) {
    const rng = new Rng(seed + 1000 + n);
    const layers = attachWeights(spec, rng);
    const bounded = isBounded(layers);
    const model = buildModel(spec.inputs, layers);
    const rows = [];
    for (let row = 0; row < ROWS; row++) {
      for (let attempt = 0; ; attempt++) {
        if (attempt === 500) throw new Error(`case ${n} (${spec.tag}): no well-conditioned row ${row}`);
        const x = drawRow(rng, spec.inputs, row);
        const [got] = predict(model, [x]);
        if (got.every(Number.isFinite) && CHECK_MODES.every(mode => withinTolerance(got, predictRow(layers, x, mode), bounded))) {
          rows.push(x);
          break;
        }
        rejected += 1;
      }
    }
    const outputs = predict(model, rows);
    const name = `${String(n).padStart(3, '0')}_${spec.tag}`;
    const dir = path.join(outDir, name);
    fs.mkdirSync(dir);
    const artifacts = await saveModel(model, dir);
    await checkReload(artifacts, layers, rows, outputs);
    if (bounded && !outputs.flat().every(v => v >= -1 && v <= 1)) throw new Error(`${name}: bounded outputs out of range`);
    const description = `${spec.inputs}-${layers.map(describeLayer).join('-')}`;
    writeJson(path.join(dir, 'expected.json'), {
      inputs: rows,
      outputs,
      source_of_outputs: `TensorFlow.js ${version} (tfjs-backend-cpu), model.predict`,
      layers: description,
      activations: layers.map(describeActivation).filter(Boolean),
      bounded,
    });
    index.push({name, description, bounded});
    model.dispose();
  }
  writeJson(path.join(outDir, 'index.json'), {source: `TensorFlow.js ${version} (tfjs-backend-cpu)`, cases: index});
  return {cases: index.length, rejected};
}
