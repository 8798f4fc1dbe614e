// Opening run folders: the newest checkpoint stands in for a missing final model; bad folders fail with one line.
// Input files: JSON as-is, PNG converted like the images data source. Regression runs: clip range and examples.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';
import { AnalysisSession, examples, featureMaps, loadRun, readInputFile } from '../../../runtime/analysis';
import { CancellationToken } from '../../../runtime/ipc/cancellation';
import { valuesOf } from '../backends/helpers';
import { selectBackend } from '../../../runtime/backends';
import { tempDir, writeRun } from './fixtures';

const XOR = `name: xor
task: classification
input: [2]
data: { source: xor, samples: 40 }
layers:
  - dense: { id: out, units: 2, activation: softmax }
`;

test('a run without a final model opens its newest checkpoint; missing models and epochs are one-line errors', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const dir = tempDir();
  const { runDir } = await writeRun(dir, 'xor', XOR, { checkpoints: [1, 3], finalModel: false });
  const run = await loadRun(runDir, { assetsDir: '/nonexistent' });
  assert.equal(run.epoch, 3);
  assert.deepEqual(run.epochs, [1, 3]);
  run.dispose();
  await assert.rejects(loadRun(runDir, { assetsDir: '', epoch: 2 }), { message: `${runDir} has no checkpoint for epoch 2 (available: 1, 3)` });
  rmSync(join(runDir, 'checkpoints'), { recursive: true });
  await assert.rejects(loadRun(runDir, { assetsDir: '' }), { message: `${runDir} holds no trained model (no model/ and no checkpoints/epoch-N/)` });
  await assert.rejects(loadRun(runDir, { assetsDir: '', epoch: 1 }), { message: `${runDir} has no checkpoint for epoch 1 (it has no checkpoints)` });
  await assert.rejects(loadRun(dir, { assetsDir: '' }), { message: `${dir} is not a LayerLens run folder (it has no spec.yaml)` });
  const numTensors = tf.memory().numTensors;
  writeFileSync(join(runDir, 'spec.yaml'), XOR.replace('units: 2', 'units: 3'));
  await writeRun(dir, 'other', XOR); // weights of a 2-unit model under a spec that now says 3
  mkdirSync(join(runDir, 'model'));
  for (const file of ['model.json', 'weights.bin']) {
    writeFileSync(join(runDir, 'model', file), readFileSync(join(dir, '.layerlens', 'runs', '20261201-120000-other', 'model', file)));
  }
  await assert.rejects(loadRun(runDir, { assetsDir: '' }), { message: `${join(runDir, 'model')}: the saved weights do not fit the model in spec.yaml (Layer weight shape 2,3 not compatible with provided weight shape 2,2)` });
  assert.equal(tf.memory().numTensors, numTensors, 'a failed load frees the model it built');
});

test('input files: JSON {shape, data} as-is; a PNG becomes 0..1 luminance like the images source', async () => {
  const dir = tempDir();
  const json = join(dir, 'input.json');
  writeFileSync(json, JSON.stringify({ shape: [2, 2, 1], data: [0, 0.5, 1, -3] }));
  const tensor = await readInputFile(json, [9, 9, 1]); // the shape is checked later, against the session
  assert.deepEqual(tensor.shape, [2, 2, 1]);
  assert.deepEqual(Array.from(tensor.data), [0, 0.5, 1, -3]);
  writeFileSync(json, JSON.stringify({ shape: [2], data: ['a', 1] }));
  await assert.rejects(readInputFile(json, [2]), { message: `${json}: "data" must be a flat list of finite numbers (row-major)` });
  const png = new PNG({ width: 2, height: 1 });
  png.data.set([255, 255, 255, 255, 255, 0, 0, 255]);
  const pngFile = join(dir, 'input.png');
  writeFileSync(pngFile, PNG.sync.write(png));
  const grey = await readInputFile(pngFile, [1, 2, 1]);
  assert.deepEqual(grey.shape, [1, 2, 1]);
  assert.ok(Math.abs((grey.data[0] ?? 0) - 1) < 1e-6 && Math.abs((grey.data[1] ?? 0) - 0.299) < 1e-6);
  await assert.rejects(readInputFile(pngFile, [28, 28, 1]), /is 2×1 pixels \(width×height\), but the model's input needs 28×28; images are never resized/);
});

test('a regression run on standardised data: clip range from the training inputs, examples without labels', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'hw', `name: hw
task: regression
input: [1]
data: { source: height-weight, samples: 50 }
layers:
  - dense: { id: line, units: 1 }
`);
  const session = await AnalysisSession.open('hw', await loadRun(runDir, { assetsDir: '' }));
  const [values] = await valuesOf(() => [session.dataset.train.xs]);
  assert.deepEqual(session.clipRange, [Math.min(...(values ?? [])), Math.max(...(values ?? []))]);
  assert.ok(session.clipRange[0] < 0 && session.clipRange[1] > 0, 'standardised heights straddle 0');
  const page = await examples(session, { start: 0, count: 2 });
  assert.deepEqual(page.examples.map((e) => [e.label, e.predicted, e.confidence]), [[null, null, null], [null, null, null]]);
  await assert.rejects(examples(session, { start: 0, count: 2, misclassifiedOnly: true }), { message: '"misclassified only" needs a classification run; this one is regression' });
  const token = new CancellationToken();
  token.cancel();
  await assert.rejects(featureMaps(session, ['line'], { example: 0 }, token), { message: 'cancelled' });
  session.dispose();
});
