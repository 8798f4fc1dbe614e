// evaluation.json at the end of real (small, seeded) runs, and `layerlens evaluate` for the final model and a checkpoint.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runEvaluate } from '../../../runtime/cli/evaluate';
import type { ClassificationEvaluation, RegressionEvaluation } from '../../../runtime/evaluation';
import { readMetrics } from '../../../runtime/runs';
import { recordingTrainer, workspace, xorModel } from '../training/helpers';

const capture = () => {
  const io = { out: '', err: '', stdout(t: string) { io.out += t; }, stderr(t: string) { io.err += t; } };
  return io;
};

test('classification: the confusion matrix sums to the validation count and its diagonal / total is the last val_accuracy', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 4, seed: 3, samples: 150, noise: 0.2 });
  const file = ws.modelFile('xor', text);
  const result = await recordingTrainer(ws).run(file, text, 'cpu');
  assert.equal(result.status, 'completed', result.message);
  assert.ok(result.evaluation, 'the result names evaluation.json');
  const evaluation = JSON.parse(readFileSync(result.evaluation, 'utf8')) as ClassificationEvaluation;
  assert.deepEqual(Object.keys(evaluation).slice(0, 6), ['task', 'classNames', 'confusion', 'accuracy', 'perClass', 'misclassified']);
  const cells = evaluation.confusion.flat();
  const total = cells.reduce((a, b) => a + b, 0);
  assert.equal(total, 30, 'validationSplit 0.2 of 150');
  assert.equal(total, evaluation.count);
  const diagonal = evaluation.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const lastEpoch = readMetrics(result.runDir).filter((r) => r.kind === 'epoch').at(-1);
  const valAccuracy = lastEpoch?.values['val_accuracy'] ?? Number.NaN;
  assert.ok(Math.abs(diagonal / total - valAccuracy) < 1e-6, `${diagonal}/${total} vs val_accuracy ${valAccuracy}`);
  assert.ok(valAccuracy < 1, 'sanity: some mistakes to list (noise 0.2, 4 epochs)');
  assert.equal(evaluation.misclassified.length, total - diagonal);
  const confidences = evaluation.misclassified.map((m) => m.confidence);
  assert.deepEqual(confidences, [...confidences].sort((a, b) => b - a), 'most confident first');
  for (const m of evaluation.misclassified) assert.notEqual(m.label, m.predicted);
  assert.equal(evaluation.perClass.reduce((a, c) => a + c.support, 0), total);
  const example = evaluation.examples[String(evaluation.misclassified[0]?.index)];
  assert.equal(example?.kind, 'features', 'the top mistake has its feature values');

  // `layerlens evaluate RUN_DIR --json` prints the file; --epoch 2 evaluates that checkpoint, as its val_accuracy says.
  const io = capture();
  assert.equal(await runEvaluate([result.runDir, '--json'], io, ws.dir, '', []), 0, io.err);
  assert.deepEqual(JSON.parse(io.out), evaluation);
  const atTwo = capture();
  assert.equal(await runEvaluate([result.runDir, '--epoch', '2', '--json', '--backend', 'cpu'], atTwo, ws.dir, '', []), 0, atTwo.err);
  const second = JSON.parse(atTwo.out) as ClassificationEvaluation;
  const epochTwo = readMetrics(result.runDir).find((r) => r.kind === 'epoch' && r.epoch === 2)?.values['val_accuracy'] ?? Number.NaN;
  assert.equal(second.epoch, 2);
  assert.ok(Math.abs(second.accuracy - epochTwo) < 1e-6, `${second.accuracy} vs ${epochTwo}`);
  const missing = capture();
  assert.equal(await runEvaluate([result.runDir, '--epoch', '99'], missing, ws.dir, '', []), 1);
  assert.match(missing.err, /no checkpoint for epoch 99/);
});

test('regression on noiseless height → weight: R² > 0.99 and the learned line is weight = height − 100 in kg and cm', async () => {
  const ws = workspace();
  const text = `name: line
task: regression
input: [1]
data: { source: height-weight, samples: 200, noise: 0, validationSplit: 0.2 }
layers:
  - dense: { units: 1 }
train: { epochs: 30, batchSize: 16, optimizer: sgd, learningRate: 0.1, seed: 4 }
`;
  const file = ws.modelFile('line', text);
  const result = await recordingTrainer(ws).run(file, text, 'cpu');
  assert.equal(result.status, 'completed', result.message);
  const evaluation = JSON.parse(readFileSync(result.evaluation ?? '', 'utf8')) as RegressionEvaluation;
  assert.deepEqual(Object.keys(evaluation).slice(0, 5), ['task', 'mse', 'mae', 'r2', 'units']);
  assert.equal(evaluation.units, 'kg');
  assert.ok(evaluation.r2 > 0.99, `R² ${evaluation.r2}`);
  assert.ok(evaluation.linear, 'a single linear dense unit reports its line');
  assert.ok(Math.abs(evaluation.linear.w - 1) < 0.01, `w ${evaluation.linear.w}`);
  assert.ok(Math.abs(evaluation.linear.b + 100) < 1.5, `b ${evaluation.linear.b}`);
  assert.equal(evaluation.predictions.length, 40);
  assert.equal(evaluation.inputs?.length, 40);
  assert.ok((evaluation.inputs ?? []).every((h) => h > 100 && h < 250), 'inputs in cm, not standardised');
  assert.equal(evaluation.curve?.x.length, 101);
});
