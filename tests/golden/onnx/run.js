// Runs every case of the ONNX golden suite in onnxruntime (CPU) and writes what it computes
// beside the model: cases/NAME/expected.json = case.json + "outputs" + "framework". The C++
// tests (tests/import/golden_onnx_test.cpp) compare anne's outputs with these, without node.
// Usage (after generate.py): node tests/golden/onnx/run.js
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const version = require('onnxruntime-node/package.json').version;

async function run(folder) {
  const c = JSON.parse(fs.readFileSync(path.join(folder, 'case.json'), 'utf8'));
  const session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'));
  const rows = c.inputs.length, features = c.inputs[0].length;
  const x = new ort.Tensor('float32', Float32Array.from(c.inputs.flat()), [rows, ...c.input_shape]);
  const y = (await session.run({input: x})).output;
  const width = y.dims[1];
  c.outputs = [];
  for (let r = 0; r < rows; ++r) c.outputs.push(Array.from(y.data.slice(r * width, (r + 1) * width)));
  c.framework = `onnxruntime-node ${version}`;
  fs.writeFileSync(path.join(folder, 'expected.json'), JSON.stringify(c));
  fs.unlinkSync(path.join(folder, 'case.json'));
  return features;
}

(async () => {
  const root = path.join(__dirname, 'cases');
  const names = fs.readdirSync(root).sort();
  for (const name of names) {
    try {
      await run(path.join(root, name));
    } catch (e) {
      console.error(`${name}: ${e.message}`);
      process.exitCode = 1;
    }
  }
  console.log(`onnxruntime ${version}: ran ${names.length} cases`);
})();
