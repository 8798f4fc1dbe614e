// Adversarial training (train.adversarial) gains robust accuracy at its training ε over the same model trained
// normally: seeded, small MNIST MLP; the test asserts the direction, not a number. It also checks that batch rows
// carry adversarial_accuracy and that the loop leaks no tensors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { labelsOfTargets, robustAccuracy, validRangeOf } from '../../../runtime/analysis/attacks';
import { LayerGraph } from '../../../runtime/analysis/layer-graph';
import { selectBackend } from '../../../runtime/backends';
import type { MetricRow } from '../../../runtime/protocol';
import { checkText } from '../../../runtime/training';
import { runEpochs } from '../../../runtime/training/epoch-loop';
import { prepareRun } from '../../../runtime/training/prepare';

const EPSILON = 0.15;
const model = (adversarial: string): string => `name: mlp
task: classification
input: [28, 28, 1]
data: { source: mnist, samples: 1500, validationSplit: 0.2 }
layers:
  - flatten
  - dense: { units: 32, activation: relu }
  - dense: { units: 10, activation: softmax }
train: { epochs: 4, batchSize: 32, learningRate: 0.003, seed: 5${adversarial} }
`;

let assetsDir = '';
before(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'layerlens-adv-mnist-'));
  const result = spawnSync(process.execPath, [resolve('scripts/pack-mnist.mjs'), assetsDir], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

/** Trains the model text; returns FGSM robust accuracy at EPSILON on 200 validation examples and the batch rows. */
async function trainAndAttack(text: string): Promise<{ clean: number; robust: number; rows: MetricRow[] }> {
  const checked = checkText(text, 'mlp.model.yaml');
  if (checked.type !== 'ok') throw new Error(checked.message);
  const prepared = await prepareRun(checked, { modelFile: '/nonexistent/mlp.model.yaml', assetsDir, seed: 5 });
  const rows: MetricRow[] = [];
  try {
    const outcome = await runEpochs({
      prepared, seed: 5, firstEpoch: 1, lastEpoch: checked.spec.train.epochs, stepsBefore: 0, now: () => 0,
      onRow: (row) => rows.push(row), onBatch: () => undefined, onEpochEnd: () => Promise.resolve(),
    });
    assert.equal(outcome.status, 'completed', outcome.message);
    const graph = new LayerGraph(prepared.spec, prepared.built);
    const xs = tf.slice(prepared.dataset.validation.xs, 0, 200);
    try {
      const result = await robustAccuracy({
        target: { graph, loss: prepared.spec.train.loss }, xs, labels: (await labelsOfTargets(prepared.dataset.validation.ys)).subarray(0, 200),
        attack: 'fgsm', epsilons: [EPSILON], range: await validRangeOf(prepared.dataset),
      });
      return { clean: result.cleanAccuracy, robust: result.accuracy[0] ?? 0, rows };
    } finally {
      xs.dispose();
      graph.dispose();
    }
  } finally {
    prepared.dispose();
  }
}

test('cpu: FGSM adversarial training raises FGSM robust accuracy at its ε over normal training', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const tensorsBefore = tf.memory().numTensors;
  const normal = await trainAndAttack(model(''));
  const robustTrained = await trainAndAttack(model(`, adversarial: { attack: fgsm, epsilon: ${EPSILON}, ratio: 0.5 }`));
  console.log(`normal: clean ${normal.clean}, robust ${normal.robust}; adversarial: clean ${robustTrained.clean}, robust ${robustTrained.robust}`);
  assert.ok(normal.clean > 0.7, `both learn the digits (normal clean accuracy ${normal.clean})`);
  assert.ok(robustTrained.clean > 0.6, `adversarial clean accuracy ${robustTrained.clean}`);
  assert.ok(robustTrained.robust > normal.robust + 0.1, `robust accuracy at ε = ${EPSILON}: ${normal.robust} → ${robustTrained.robust}`);
  const batchRows = robustTrained.rows.filter((r) => r.kind === 'batch');
  assert.ok(batchRows.every((r) => Number.isFinite(r.values['adversarial_accuracy'])), 'every batch row reports adversarial_accuracy');
  assert.ok(normal.rows.every((r) => !('adversarial_accuracy' in r.values)));
  const lastEpoch = robustTrained.rows.filter((r) => r.kind === 'epoch').at(-1);
  assert.ok((lastEpoch?.values['adversarial_accuracy'] ?? 0) > 0, 'the epoch mean includes it');
  assert.equal(tf.memory().numTensors, tensorsBefore, 'training and attacking leak no tensors');
});
