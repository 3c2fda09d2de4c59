// TensorFlow.js Layers (pure-JavaScript CPU backend) under Node, on the benchmark fixtures:
// one IRIS-8 / IRIS-6 predict per sample, batch predict of the three MLPs, and training
// (model.fit) of the self-learning example and of 64-128-10 on the digits.
// Usage: node tfjs_peer.mjs FIXTURES_DIR
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import {loadFixtures, now, report, timed} from './fixtures.mjs';

const SYSTEM = 'tfjs';

// A Sequential model with the fixture's layers and weights.
function build(net) {
  const model = tfl.sequential();
  net.layers.forEach((l, k) => model.add(tfl.layers.dense(
      {units: l.units, activation: l.activation, ...(k === 0 ? {inputShape: [net.inputs]} : {})})));
  model.setWeights(net.layers.flatMap((l) => [tf.tensor2d(l.kernel.values, l.kernel.shape),
                                              tf.tensor1d(l.bias.values)]));
  return model;
}

// Seconds of one model.fit run from the network's starting weights, with the final epoch's loss.
async function fitOnce(net, x, y, compileArgs, fitArgs) {
  const model = build(net);
  model.compile(compileArgs);
  const start = now();
  const history = await model.fit(x, y, {...fitArgs, shuffle: false, verbose: 0});
  const seconds = now() - start;
  model.dispose();
  return {seconds, loss: history.history.loss.at(-1)};
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  const fx = loadFixtures(process.argv[2]);
  const version = `TensorFlow.js ${tf.version_core} (tfjs-layers ${tfl.version_layers}), backend ${tf.getBackend()}`;

  const rows = fx.rows('iris_x');
  for (const name of ['iris8', 'iris6']) {
    const model = build(fx.network(name));
    let first = 0;
    const seconds = await timed(() => {
      for (const [r, row] of rows.entries()) {
        const out = tf.tidy(() => model.predict(tf.tensor2d(row, [1, 4])));
        const v = out.dataSync();
        if (r === 0) first = v[0];
        out.dispose();
      }
    }) / rows.length;
    report(SYSTEM, `${name}_single`, seconds, {version, first_output: first});
  }

  for (const name of fx.manifest.networks.mlp_4_8_3 ? ['mlp_4_8_3', 'mlp_64_128_10', 'mlp_784_256_128_10'] : []) {
    const net = fx.network(name);
    const model = build(net);
    const all = fx.flat(`${name}.x`), want = fx.flat(`${name}.y`);
    for (const batch of [1, 32, 1024]) {
      const x = tf.tensor2d(all.values.subarray(0, batch * net.inputs), [batch, net.inputs]);
      let got = null;
      const seconds = await timed(() => {
        const out = model.predict(x);
        got = out.dataSync();
        out.dispose();
      }, batch === 1024 ? 1.0 : 0.5);
      let diff = 0;
      for (let i = 0; i < got.length; ++i) diff = Math.max(diff, Math.abs(got[i] - want.values[i]));
      report(SYSTEM, `batch:${name}:${batch}`, seconds, {version, max_abs_diff: diff});
      x.dispose();
    }
    model.dispose();
  }

  {
    const cfg = fx.manifest.selflearn;
    const x = tf.tensor2d(fx.flat('iris_x').values, [20, 4]);
    const y = tf.tensor2d(fx.flat('iris_labels').values, [20, 1]);
    const args = [fx.network('selflearn'), x, y,
                  {optimizer: tf.train.sgd(cfg.learning_rate), loss: 'binaryCrossentropy'},
                  {batchSize: 1, epochs: cfg.epochs}];
    await fitOnce(...args);  // warm-up: the first run compiles the kernels
    let best = await fitOnce(...args);
    const again = await fitOnce(...args);
    if (again.seconds < best.seconds) best = again;
    report(SYSTEM, 'train_selflearn', best.seconds, {loss: best.loss, version});
  }
  {
    const cfg = fx.manifest.digits;
    const dx = fx.flat('digits_x'), dt = fx.flat('digits_t');
    const x = tf.tensor2d(dx.values, dx.shape), y = tf.tensor2d(dt.values, dt.shape);
    const optimizer = () => tf.train.adam(cfg.learning_rate, 0.9, 0.999, cfg.epsilon);
    const compile = () => ({optimizer: optimizer(), loss: 'categoricalCrossentropy'});
    await fitOnce(fx.network('digits'), x, y, compile(), {batchSize: cfg.batch, epochs: 1});
    const run = await fitOnce(fx.network('digits'), x, y, compile(), {batchSize: cfg.batch, epochs: cfg.epochs});
    report(SYSTEM, 'train_digits', run.seconds, {loss: run.loss, version});
  }
}

main().catch((e) => {
  console.error(`tfjs_peer: ${e.stack ?? e}`);
  process.exit(1);
});
