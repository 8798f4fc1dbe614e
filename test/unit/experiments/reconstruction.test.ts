// task: reconstruction — the output must have the input's shape (a diagnostic on the last layer otherwise), the loss
// defaults to mean squared error, and training uses the input as the target.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { checkModel } from '../../../runtime/language';
import { recordingTrainer, workspace } from '../training/helpers';

const model = (lastUnits: number) => `name: ae
task: reconstruction
input: [2]
data: { source: xor, samples: 64, noise: 0.1, validationSplit: 0.25 }
layers:
  - dense: { units: 8, activation: tanh, id: code }
  - dense: { units: ${lastUnits}, id: decoded }
train: { epochs: 20, batchSize: 16, learningRate: 0.05, seed: 2 }
`;

test('reconstruction: MSE by default, no accuracy, and an output that differs from the input is an error on the last layer', () => {
  const good = checkModel(model(2), 'ae.model.yaml');
  assert.deepEqual(good.diagnostics, []);
  assert.equal(good.spec?.train.loss, 'meanSquaredError');
  assert.deepEqual(good.spec?.train.metrics, []);
  const text = model(3);
  const bad = checkModel(text, 'ae.model.yaml');
  const error = bad.diagnostics.find((d) => d.severity === 'error');
  assert.match(error?.message ?? '', /reconstruction needs an output equal to the input \[2\], but 'decoded' outputs \[3\]/);
  assert.equal(text.split('\n')[error?.range.start.line ?? 0]?.trim().startsWith('- dense: { units: 3'), true);
});

test('cpu: a reconstruction model learns to give back its input (the loss falls well below the input variance)', async () => {
  const ws = workspace();
  try {
    const recorder = recordingTrainer(ws);
    const result = await recorder.run(ws.modelFile('ae', model(2)), model(2), 'cpu');
    assert.equal(result.status, 'completed', result.message);
    const epochs = recorder.rows().filter((r) => r.kind === 'epoch');
    const first = epochs[0]?.values['loss'] ?? Number.NaN;
    const last = result.final['val_loss'] ?? Number.NaN;
    // xor points are uniform in [-1, 1]²: always predicting 0 would cost about 1/3.
    assert.ok(last < 0.05 && last < first / 3, `val_loss ${last} after a first epoch loss of ${first}`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});
