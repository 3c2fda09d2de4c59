// The original AI-ANNE code's algorithm (aianne_original.py) under real MicroPython: the
// WebAssembly port from npm, in Node. Times one IRIS-8 / IRIS-6 prediction per sample and the
// self-learning example. Usage: node micropython_peer.mjs FIXTURES_DIR
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

async function main() {
  const fx = loadFixtures(process.argv[2]);
  const mp = await loadMicroPython({heapsize: 32 * 1024 * 1024,
                                    stdout: (line) => process.stderr.write(line + '\n')});
  mp.runPython(fs.readFileSync(new URL('./aianne_original.py', import.meta.url), 'utf8'));
  // exec() returns nothing: values come back through globals.
  const get = (expression) => {
    mp.runPython(`_value = ${expression}`);
    return mp.globals.get('_value');
  };
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
}

main().catch((e) => {
  console.error(`micropython_peer: ${e.message ?? e}`);
  process.exit(1);
});
