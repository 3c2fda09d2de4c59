// The original AI-ANNE code's algorithm (aianne_original.py) under real MicroPython: the
// WebAssembly port from npm, in Node. Times one IRIS-8 / IRIS-6 prediction per sample, the
// batches of the MLPs (BATCHES in aianne_original.py) and the self-learning example.
// Usage: node micropython_peer.mjs FIXTURES_DIR
import fs from 'node:fs';
import {loadMicroPython} from '@micropython/micropython-webassembly-pyscript';
import {loadFixtures, report, timed} from './fixtures.mjs';

const SYSTEM = 'micropython-original';

// Python literals: JSON's lists of numbers and strings are valid Python.
const py = (v) => JSON.stringify(v);
// A kernel (inputs, units) as a list of rows, [input][unit], as the original code holds it.
const kernelRows = (l) => Array.from({length: l.kernel.shape[0]},
                                     (_, i) => Array.from(l.kernel.values.subarray(i * l.units, (i + 1) * l.units)));
const bias = (l) => Array.from(l.bias.values);

// A MicroPython with the original code loaded. Its collector sweeps the whole heap, so the
// heap is as small as the work allows: 32 MB for IRIS and the self-learning example, more for
// the 784 x 256 kernel of the batches.
async function python(megabytes) {
  const mp = await loadMicroPython({heapsize: megabytes * 1024 * 1024,
                                    stdout: (line) => process.stderr.write(line + '\n')});
  mp.runPython(fs.readFileSync(new URL('./aianne_original.py', import.meta.url), 'utf8'));
  // exec() returns nothing: values come back through globals.
  const get = (expression) => {
    mp.runPython(`_value = ${expression}`);
    return mp.globals.get('_value');
  };
  return {mp, get};
}

async function main() {
  const fx = loadFixtures(process.argv[2]);
  const {mp, get} = await python(32);
  const version = 'MicroPython ' + get('__import__("sys").version');

  mp.runPython(`rows = ${py(fx.rows('iris_x'))}`);
  for (const name of ['iris8', 'iris6']) {
    const layers = fx.network(name).layers.map((l) => `(${py(kernelRows(l))}, ${py(bias(l))}, ${py(l.activation)})`);
    mp.runPython(`layers = [${layers.join(', ')}]`);
    const seconds = await timed(() => mp.runPython('out = predict_each(layers, rows, 1)')) / 20;
    report(SYSTEM, `${name}_single`, seconds, {version, first_output: get('out[0][0]')});
  }

  const cfg = fx.manifest.selflearn;
  const [hidden, output] = fx.network('selflearn').layers;
  mp.runPython(`ys = ${py(fx.rows('iris_labels').map((r) => r[0]))}`);
  const train = `loss = train_selflearn(${py(kernelRows(hidden))}, ${py(bias(hidden))}, ` +
                `${py(kernelRows(output))}, ${py(bias(output))}, rows, ys, ${cfg.epochs}, ${cfg.learning_rate})`;
  const seconds = await timed(() => mp.runPython(train), 1.0);
  report(SYSTEM, 'train_selflearn', seconds, {loss: get('loss'), version});

  const big = await python(160);
  // Large arrays go in as text that Python splits, not as list literals: MicroPython's parser
  // would build a node for every number of a 784 x 256 kernel.
  const setRows = (name, values, cols) => {
    big.mp.globals.set('_text', Array.from(values, String).join(' '));
    big.mp.runPython(`_v = [float(t) for t in _text.split()]\n` +
                     `${name} = [_v[i:i + ${cols}] for i in range(0, len(_v), ${cols})]\n` +
                     `del _v, _text`);
  };
  for (const [name, batch] of JSON.parse(big.get('__import__("json").dumps(BATCHES)'))) {
    const net = fx.network(name);
    net.layers.forEach((l, k) => {
      setRows(`_w${k}`, l.kernel.values, l.units);
      setRows(`_b${k}`, l.bias.values, l.units);
    });
    big.mp.runPython(`layers = [${net.layers.map((l, k) => `(_w${k}, _b${k}[0], ${py(l.activation)})`).join(', ')}]`);
    setRows('x', fx.flat(`${name}.x`).values.subarray(0, batch * net.inputs), net.inputs);
    const seconds = await timed(() => big.mp.runPython('out = predict(layers, x)'), 0.5, batch > 32 ? 1 : 3);
    const want = fx.flat(`${name}.y`).values;
    const outputs = net.layers[net.layers.length - 1].units;
    const got = JSON.parse(big.get('__import__("json").dumps([v for row in out for v in row])'));
    let diff = 0;
    for (let i = 0; i < batch * outputs; ++i) diff = Math.max(diff, Math.abs(got[i] - want[i]));
    report(SYSTEM, `batch:${name}:${batch}`, seconds, {version, max_abs_diff: diff});
  }
}

main().catch((e) => {
  console.error(`micropython_peer: ${e.message ?? e}`);
  process.exit(1);
});
