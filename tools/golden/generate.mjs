// Regenerates tests/golden/tfjs (inference) and tests/golden/train (training) from fixed
// seeds: `npm ci && node generate.mjs` rewrites both folders byte for byte.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {version_layers as version} from '@tensorflow/tfjs-layers';
import {generateInference} from './inference.mjs';
import {generateTraining} from './training.mjs';

const SEED = 20240611;
const INFERENCE_CASES = 240;
const golden = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/golden');

// PROD silences tfjs's "install tfjs-node" banner; it changes no arithmetic.
tf.enableProdMode();
await tf.setBackend('cpu');
if (tf.version_core !== version) throw new Error(`tfjs-core ${tf.version_core} != tfjs-layers ${version}`);

const inference = await generateInference(path.join(golden, 'tfjs'), {seed: SEED, total: INFERENCE_CASES, version});
console.log(`tfjs/: ${inference.cases} models (${inference.rejected} ill-conditioned input rows redrawn)`);
const training = await generateTraining(path.join(golden, 'train'), {seed: SEED, version});
console.log(`train/: ${training.cases} trajectories (max deviation from the README rules replayed in float64: ${training.worstReplayDeviation.toExponential(2)})`);
console.log(execFileSync('du', ['-sb', path.join(golden, 'tfjs'), path.join(golden, 'train')], {encoding: 'utf8'}).trim());
