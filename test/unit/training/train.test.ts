// End-to-end training in-process: learning works on cpu and wasm, the run folder is complete, runs are
// reproducible from their seed, and every tensor is released.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import { readLayerStats, readMeta, readMetrics } from '../../../runtime/runs';
import { heightWeightModel, recordingTrainer, workspace, xorModel } from './helpers';
import { TESTED_BACKENDS } from '../backends/helpers';

// Every backend CI has: cpu and wasm, and webgpu (on lavapipe) when LAYERLENS_TEST_WEBGPU=1.
for (const backend of TESTED_BACKENDS) {
  test(`${backend}: a dense model learns xor to 100% accuracy and releases every tensor`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const baseline = tf.memory().numTensors;
    const ws = workspace();
    const text = xorModel({ epochs: 60, seed: 12, batchSize: 8 });
    const { run } = recordingTrainer(ws);
    const result = await run(ws.modelFile('xor', text), text, backend);
    assert.equal(result.status, 'completed', result.message);
    assert.equal(result.final['accuracy'], 1, `final ${JSON.stringify(result.final)}`);
    assert.ok((result.final['val_accuracy'] ?? 0) >= 0.9, `final ${JSON.stringify(result.final)}`);
    assert.equal(readMeta(result.runDir).backend, backend);
    assert.equal(tf.memory().numTensors, baseline, 'tensors leaked by a run');
  });
}

for (const backend of TESTED_BACKENDS) test(`${backend}: height-weight regression reaches a low standardised MSE`, async () => {
  await selectBackend({ preference: backend, nodeModuleDirs: [] });
  const ws = workspace();
  const text = heightWeightModel({ epochs: 30, learningRate: 0.02 });
  const result = await recordingTrainer(ws).run(ws.modelFile('hw', text), text, backend);
  assert.equal(readMeta(result.runDir).backend, backend);
  assert.equal(result.status, 'completed', result.message);
  assert.ok((result.final['loss'] ?? 1) < 0.1, `loss ${result.final['loss']}`);
  assert.ok((result.final['val_loss'] ?? 1) < 0.1, `val_loss ${result.final['val_loss']}`);
  assert.deepEqual(readMeta(result.runDir).data?.targetScaling?.names, ['weight']);
});

test('cpu: the run folder holds spec, meta, one row per batch and per epoch, the model, checkpoints and layer stats', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 3, seed: 1, batchSize: 16, learningRate: 0.1 });
  const file = ws.modelFile('xor', text);
  const recorder = recordingTrainer(ws);
  const result = await recorder.run(file, text, 'cpu');
  assert.equal(result.status, 'completed', result.message);
  const { runDir } = result;
  assert.match(runDir, /[/\\]\d{8}-\d{6}-xor$/);
  assert.equal(readFileSync(join(runDir, 'spec.yaml'), 'utf8'), text);
  const meta = readMeta(runDir);
  assert.equal(meta.status, 'completed');
  assert.equal(meta.runId, result.runId);
  assert.equal(meta.modelFile, file);
  assert.equal(meta.seed, 1);
  assert.equal(meta.epochsPlanned, 3);
  assert.equal(meta.epochsDone, 3);
  assert.ok(meta.endedAt !== undefined);
  assert.deepEqual(meta.final, result.final);
  // 100 examples, 20% validation → 80 training examples → 5 batches of 16 per epoch.
  const rows = readMetrics(runDir);
  const batchRows = rows.filter((r) => r.kind === 'batch');
  const epochRows = rows.filter((r) => r.kind === 'epoch');
  assert.equal(batchRows.length, 15);
  assert.deepEqual(batchRows.map((r) => r.step), Array.from({ length: 15 }, (_, i) => i + 1));
  assert.deepEqual(batchRows.map((r) => r.batch), [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  assert.deepEqual(epochRows.map((r) => [r.epoch, r.step]), [[1, 5], [2, 10], [3, 15]]);
  for (const row of epochRows) assert.deepEqual(Object.keys(row.values).sort(), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  // The parent received exactly the file's rows, in order.
  assert.deepEqual(recorder.rows(), rows);
  const started = recorder.messages.find((m) => m.type === 'runStarted');
  assert.deepEqual(started && { runId: started.runId, runDir: started.runDir, backend: started.backend }, { runId: result.runId, runDir, backend: 'cpu' });
  const modelJson = JSON.parse(readFileSync(join(runDir, 'model', 'model.json'), 'utf8')) as { format: string; weightsManifest: { paths: string[] }[] };
  assert.equal(modelJson.format, 'layers-model');
  assert.deepEqual(modelJson.weightsManifest[0]?.paths, ['./weights.bin']);
  // (2·16 + 16) + (16·16 + 16) + (16·2 + 2) float32 weights.
  assert.equal(statSync(join(runDir, 'model', 'weights.bin')).size, (48 + 272 + 34) * 4);
  for (const epoch of [1, 2, 3]) {
    const dir = join(runDir, 'checkpoints', `epoch-${epoch}`);
    for (const name of ['model.json', 'weights.bin', 'optimizer.json', 'optimizer.bin', 'state.json']) {
      assert.ok(existsSync(join(dir, name)), `${dir}/${name}`);
    }
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { epoch: number; step: number; prng: { seed: number } };
    assert.deepEqual([state.epoch, state.step, state.prng.seed], [epoch, epoch * 5, 1]);
  }
  const stats = readLayerStats(runDir);
  assert.deepEqual(stats?.layers.map((l) => l.id), ['dense_1', 'dense_2', 'dense_3']);
  for (const layer of stats?.layers ?? []) {
    assert.ok(layer.weightNorm > 0 && layer.gradientNorm > 0, JSON.stringify(layer));
    assert.ok(layer.zeroFraction >= 0 && layer.zeroFraction <= 1);
    // A dead unit is 0 on every example, so it is at most as common as zero elements.
    assert.ok(layer.deadFraction !== undefined && layer.deadFraction >= 0 && layer.deadFraction <= layer.zeroFraction + 1e-9, JSON.stringify(layer));
  }
  // The saved model loads with tfjs and carries the trained weights: it classifies the xor quadrants.
  const modelFiles = JSON.parse(readFileSync(join(runDir, 'model', 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const weightData = new Uint8Array(readFileSync(join(runDir, 'model', 'weights.bin'))).buffer;
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelFiles.modelTopology, weightSpecs: modelFiles.weightsManifest.flatMap((g) => g.weights), weightData,
  }));
  assert.equal(loaded.layers.map((l) => l.name).join(','), 'input,dense_1,dense_2,dense_3');
  const predicted = tf.tidy(() => (loaded.predict(tf.tensor2d([[0.6, 0.6], [-0.6, 0.6], [0.6, -0.6], [-0.6, -0.6]])) as tf.Tensor).argMax(-1));
  assert.deepEqual(Array.from(await predicted.data()), [0, 1, 1, 0]);
  predicted.dispose();
  loaded.dispose();
});

test('cpu: the same seed gives identical metrics (with dropout)', async () => {
  const ws = workspace();
  const text = `name: dropout xor
task: classification
input: [2]
data: { source: xor, samples: 120, noise: 0.1 }
layers:
  - dense: { units: 16, activation: relu }
  - dropout: { rate: 0.3 }
  - dense: { units: 2, activation: softmax }
train: { epochs: 3, batchSize: 8, seed: 42 }
`;
  const file = ws.modelFile('dropout', text);
  const first = await recordingTrainer(ws).run(file, text, 'cpu');
  const second = await recordingTrainer(ws).run(file, text, 'cpu');
  assert.notEqual(first.runDir, second.runDir);
  const values = (runDir: string) => readMetrics(runDir).map((r) => [r.kind, r.step, r.values]);
  assert.deepEqual(values(second.runDir), values(first.runDir));
  const otherSeed = text.replace('seed: 42', 'seed: 43');
  const third = await recordingTrainer(ws).run(file, otherSeed, 'cpu');
  assert.notDeepEqual(values(third.runDir), values(first.runDir));
});

test('errors in the model file fail the run with FILE:LINE:COL and create no run folder', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 1 }).replace('units: 16', 'units: -3');
  const file = ws.modelFile('broken', text);
  const result = await recordingTrainer(ws).run(file, text, 'cpu');
  assert.equal(result.status, 'failed');
  assert.match(result.message ?? '', new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:21: dense: 'units' must be ≥ 1`));
  assert.equal(result.runDir, '');
});
