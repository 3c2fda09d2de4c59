// Runs ONNX files that `anne export --target onnx` wrote in onnxruntime (CPU) and compares
// what onnxruntime computes with anne's own outputs for the same raw inputs. DIR/index.json:
// [{"model": "x.onnx", "inputs": [[...]], "outputs": [[...]], "bounded": true, "classes": false}].
// Bounded outputs must agree to 1e-6 absolute, others to 1e-5 relative to max(1, |anne|),
// a classifier's largest output (its class) must be the same. Prints the worst difference; exits 1 on
// any mismatch. Usage: node tests/golden/onnx/check_export.js DIR
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

// One thread: hundreds of small sessions, each would start its own pool otherwise.
const options = {intraOpNumThreads: 1, interOpNumThreads: 1};
const argmax = (a) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);

async function check(dir, c) {
  const session = await ort.InferenceSession.create(path.join(dir, c.model), options);
  const rows = c.inputs.length, features = c.inputs[0].length;
  const x = new ort.Tensor('float32', Float32Array.from(c.inputs.flat()), [rows, features]);
  const y = (await session.run({input: x})).output;
  const width = y.dims[1];
  let worst = 0, problems = [];
  for (let r = 0; r < rows; ++r) {
    const theirs = Array.from(y.data.slice(r * width, (r + 1) * width));
    const ours = c.outputs[r];
    for (let i = 0; i < width; ++i) {
      const diff = Math.abs(theirs[i] - ours[i]);
      const d = c.bounded ? diff : diff / Math.max(1, Math.abs(ours[i]));
      worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
      if (!(d <= (c.bounded ? 1e-6 : 1e-5)))
        problems.push(`row ${r} output ${i}: onnxruntime ${theirs[i]}, anne ${ours[i]}`);
    }
    if (c.classes && argmax(theirs) !== argmax(ours)) problems.push(`row ${r}: class differs`);
  }
  return {worst, problems};
}

(async () => {
  const dir = process.argv[2];
  const cases = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  let worst = {bounded: 0, values: 0}, failed = 0;
  for (const c of cases) {
    try {
      const r = await check(dir, c);
      const key = c.bounded ? 'bounded' : 'values';
      worst[key] = Math.max(worst[key], r.worst);
      if (r.problems.length) {
        ++failed;
        console.error(`${c.model}: ${r.problems.slice(0, 3).join('; ')}`);
      }
    } catch (e) {
      ++failed;
      console.error(`${c.model}: onnxruntime refused it: ${e.message}`);
    }
  }
  const version = require('onnxruntime-node/package.json').version;
  console.log(`onnxruntime-node ${version}: ${cases.length - failed} of ${cases.length} exported ` +
              `models agree with anne; worst difference ${worst.bounded.toExponential(2)} ` +
              `(bounded, absolute), ${worst.values.toExponential(2)} (others, relative)`);
  process.exitCode = failed ? 1 : 0;
})();
