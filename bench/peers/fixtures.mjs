// Reads the benchmark fixtures that bench_fixtures (bench/bench_fixtures.cpp) wrote: the same
// networks, weights and data that anne's benchmarks use.
import fs from 'node:fs';
import path from 'node:path';

export function loadFixtures(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'fixtures.json'), 'utf8'));
  const buf = fs.readFileSync(path.join(dir, manifest.bin));
  // float32 little-endian, copied so that the Float32Array is aligned.
  const raw = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  const flat = (name) => {
    const a = manifest.arrays[name];
    const count = a.shape.reduce((p, d) => p * d, 1);
    return {values: raw.subarray(a.offset, a.offset + count), shape: a.shape};
  };
  const rows = (name) => {
    const {values, shape} = flat(name);
    const cols = shape.length > 1 ? shape[1] : 1;
    return Array.from({length: shape[0]}, (_, r) => Array.from(values.subarray(r * cols, (r + 1) * cols)));
  };
  // {inputs, layers: [{units, activation, kernel: {values, shape}, bias: {values, shape}}]}
  const network = (name) => {
    const n = manifest.networks[name];
    return {
      inputs: n.inputs,
      layers: n.layers.map((l) => ({units: l.units, activation: l.activation,
                                    kernel: flat(l.kernel), bias: flat(l.bias)})),
    };
  };
  return {manifest, flat, rows, network};
}

// One result line: JSON on stdout, read by bench/report.py.
export function report(system, kase, seconds, extra = {}) {
  console.log(JSON.stringify({system, case: kase, seconds, ...extra}));
}

export const now = () => Number(process.hrtime.bigint()) / 1e9;

// Seconds per call of run() (may be async): the best of several rounds of enough calls to last
// about minSeconds in all.
export async function timed(run, minSeconds = 0.5, minRounds = 3) {
  let calls = 1, elapsed = 0;
  for (;;) {
    const start = now();
    for (let i = 0; i < calls; ++i) await run();
    elapsed = now() - start;
    if (elapsed >= minSeconds / 10) break;
    calls *= 2;
  }
  let best = elapsed / calls;
  const rounds = Math.min(10, Math.max(minRounds, Math.floor(minSeconds / Math.max(elapsed, 1e-9))));
  for (let r = 0; r < rounds; ++r) {
    const start = now();
    for (let i = 0; i < calls; ++i) await run();
    best = Math.min(best, (now() - start) / calls);
  }
  return best;
}
