// Runs that end early: a diverging loss fails with an explanation, a stop request ends the run as `stopped`,
// problems found before training create no run folder.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import { readMeta, readMetrics } from '../../../runtime/runs';
import { nonFiniteLossMessage } from '../../../runtime/training/nan-message';
import { checkText } from '../../../runtime/training';
import { BACKENDS, heightWeightModel, recordingTrainer, workspace, xorModel } from './helpers';

for (const backend of BACKENDS) {
  test(`${backend}: a diverging loss (sgd with learningRate 100) fails the run and names the likely causes`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const baseline = tf.memory().numTensors;
    const ws = workspace();
    const text = heightWeightModel({ epochs: 5, learningRate: 100, optimizer: 'sgd' });
    const recorder = recordingTrainer(ws);
    const result = await recorder.run(ws.modelFile('hw', text), text, backend);
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /^The loss became (NaN|infinite) at epoch \d+, batch \d+/);
    assert.match(result.message ?? '', /learning rate is too high \(sgd with learningRate 100/);
    assert.match(result.message ?? '', /output activation/);
    assert.match(result.message ?? '', /unscaled data/);
    const meta = readMeta(result.runDir);
    assert.equal(meta.status, 'failed');
    assert.equal(meta.message, result.message);
    // Every row written is finite JSON; the diverged batch itself is not recorded as a number.
    for (const row of readMetrics(result.runDir)) assert.ok(Number.isFinite(row.values['loss']), JSON.stringify(row));
    assert.ok(!existsSync(join(result.runDir, 'model')), 'no final model is saved from diverged weights');
    assert.ok(recorder.messages.some((m) => m.type === 'log' && m.level === 'error' && m.message.includes('The loss became')));
    assert.equal(tf.memory().numTensors, baseline, 'tensors leaked by a failed run');
  });
}

test('a NaN loss with a crossentropy loss on a linear output blames the output activation first', () => {
  const text = xorModel({ epochs: 1 }).replace('units: 2, activation: softmax', 'units: 2');
  const checked = checkText(text, 'linear.model.yaml');
  assert.equal(checked.type, 'ok');
  if (checked.type !== 'ok') return;
  const message = nonFiniteLossMessage(checked.spec, Number.NaN, 2, 7);
  assert.match(message, /^The loss became NaN at epoch 2, batch 7/);
  assert.match(message, /Likely causes: \(1\) a missing or wrong output activation for the loss \(categoricalCrossentropy needs 'softmax' on the last layer, it has 'linear'\); \(2\) the learning rate/);
  // With the right activation, the learning rate comes first.
  const fine = checkText(xorModel({ epochs: 1 }), 'xor.model.yaml');
  if (fine.type !== 'ok') return assert.fail('xor model should check');
  assert.match(nonFiniteLossMessage(fine.spec, Number.POSITIVE_INFINITY, 1, 1), /became infinite .* \(1\) the learning rate is too high \(adam with learningRate 0\.02/);
});

test('cpu: requestStop ends the run after the current batch with status stopped', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const baseline = tf.memory().numTensors;
  const ws = workspace();
  const text = xorModel({ epochs: 50, seed: 3, batchSize: 8 });
  let stopAsked = false;
  const recorder = recordingTrainer(ws, {}, (message, trainer) => {
    // Stop once the third epoch has begun.
    if (message.type === 'runMetrics' && !stopAsked && message.rows.some((r) => r.epoch >= 3)) {
      stopAsked = trainer.requestStop(message.runId);
    }
  });
  const result = await recorder.run(ws.modelFile('xor', text), text, 'cpu');
  assert.ok(stopAsked, 'requestStop found the active run');
  assert.equal(result.status, 'stopped');
  const meta = readMeta(result.runDir);
  assert.equal(meta.status, 'stopped');
  assert.ok(meta.epochsDone >= 2 && meta.epochsDone < 50, `epochsDone ${meta.epochsDone}`);
  assert.ok(existsSync(join(result.runDir, 'model', 'model.json')), 'a stopped run keeps its model');
  assert.equal(recorder.trainer.requestStop(result.runId), false, 'the run is no longer active');
  assert.equal(tf.memory().numTensors, baseline);
});

test('a missing data file fails before training and creates no run folder', async () => {
  const ws = workspace();
  const text = `name: table
task: regression
input: [2]
data: { source: csv, path: missing.csv }
layers:
  - dense: { units: 1 }
`;
  const result = await recordingTrainer(ws).run(ws.modelFile('table', text), text, 'cpu');
  assert.equal(result.status, 'failed');
  assert.match(result.message ?? '', /missing\.csv/);
  assert.deepEqual(readdirSync(ws.runsDir), []);
});

test('a second train call while one runs is refused', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 2 });
  const file = ws.modelFile('xor', text);
  const recorder = recordingTrainer(ws);
  const [first, second] = await Promise.all([recorder.run(file, text, 'cpu'), recorder.run(file, text, 'cpu')]);
  assert.equal(first.status, 'completed');
  assert.equal(second.status, 'failed');
  assert.match(second.message ?? '', /another run is in progress/);
});
