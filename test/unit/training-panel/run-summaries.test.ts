// The runs list: best metric, duration, spec diff and resumability read from run folders on disk.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bestMetric, RunCatalogue } from '../../../extension/training-panel/run-summaries';
import { inferBatchesPerEpoch } from '../../../extension/training-panel/columns';
import type { MetricRow } from '../../../runtime/protocol';
import { writeMeta, type RunMeta } from '../../../runtime/runs';

const epoch = (n: number, values: Record<string, number>): MetricRow => ({ kind: 'epoch', step: n * 10, epoch: n, values, time: n });
const batch = (epochNumber: number, b: number): MetricRow =>
  ({ kind: 'batch', step: (epochNumber - 1) * 10 + b, epoch: epochNumber, batch: b, values: { loss: 1 }, time: b });

test('the best metric prefers the highest validation accuracy, else the lowest validation loss', () => {
  const rows = [epoch(1, { loss: 0.5, val_loss: 0.6, accuracy: 0.7, val_accuracy: 0.65 }),
    epoch(2, { loss: 0.3, val_loss: 0.4, accuracy: 0.8, val_accuracy: 0.9 }),
    epoch(3, { loss: 0.2, val_loss: 0.5, accuracy: 0.85, val_accuracy: 0.88 })];
  assert.deepEqual(bestMetric(rows), { name: 'val_accuracy', value: 0.9, epoch: 2 });
  const regression = rows.map((r) => ({ ...r, values: { loss: r.values.loss ?? 0, val_loss: r.values.val_loss ?? 0 } }));
  assert.deepEqual(bestMetric(regression), { name: 'val_loss', value: 0.4, epoch: 2 });
  assert.equal(bestMetric([batch(1, 1)]), undefined, 'no epoch has ended');
});

test('batches per epoch is inferred from an ended epoch, else the largest batch so far', () => {
  assert.equal(inferBatchesPerEpoch([batch(1, 1), batch(1, 2), batch(1, 3), epoch(1, {}), batch(2, 1)]), 3);
  assert.equal(inferBatchesPerEpoch([batch(1, 1), batch(1, 2)]), 2);
  assert.equal(inferBatchesPerEpoch([]), undefined);
});

const XOR = 'name: xor\ntask: classification\ninput: [2]\ndata: { source: xor, samples: 100 }\nlayers:\n  - dense: { units: 1, activation: sigmoid }\n'
  + 'train: { epochs: 2, batchSize: 10, optimizer: adam, learningRate: 0.01, loss: binaryCrossentropy, metrics: [accuracy] }\n';

function makeRun(runsDir: string, runId: string, overrides: Partial<RunMeta>, spec: string, metrics: MetricRow[]): string {
  const runDir = join(runsDir, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'spec.yaml'), spec);
  writeFileSync(join(runDir, 'metrics.jsonl'), metrics.map((m) => `${JSON.stringify(m)}\n`).join(''));
  writeMeta(runDir, {
    name: 'xor', modelFile: '/ws/xor.model.yaml', runId, backend: 'cpu', device: 'test CPU', software: false, reasons: [], versions: {},
    seed: 1, status: 'completed', startedAt: '2026-11-26T22:15:30.000Z', endedAt: '2026-11-26T22:16:00.000Z', epochsPlanned: 2,
    epochsDone: 2, final: {}, data: { source: 'xor', trainSize: 80, validationSize: 20, classNames: [] }, ...overrides,
  });
  return runDir;
}

test('the catalogue lists a model file\'s runs, newest first, with diff, duration, liveness and resumability', async () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'layerlens-panel-runs-'));
  makeRun(runsDir, '20261126-221530-xor', {}, XOR, [epoch(1, { loss: 0.5, val_loss: 0.6 })]);
  const stopped = makeRun(runsDir, '20261126-221700-xor', { status: 'stopped', startedAt: '2026-11-26T22:17:00.000Z',
    endedAt: '2026-11-26T22:17:05.000Z', epochsDone: 1 }, XOR.replace('learningRate: 0.01', 'learningRate: 0.1'), []);
  mkdirSync(join(stopped, 'checkpoints', 'epoch-1'), { recursive: true });
  makeRun(runsDir, '20261126-221800-xor', { status: 'running', startedAt: '2026-11-26T22:18:00.000Z', endedAt: undefined }, XOR, []);
  makeRun(runsDir, '20261126-221900-other', { modelFile: '/ws/other.model.yaml', startedAt: '2026-11-26T22:19:00.000Z' }, XOR, []);

  const now = Date.parse('2026-11-26T22:18:10.000Z');
  const listed = await new RunCatalogue().list(runsDir, '/ws/xor.model.yaml', XOR, () => true, now);
  assert.deepEqual(listed.map((r) => r.summary.runId), ['20261126-221800-xor', '20261126-221700-xor', '20261126-221530-xor']);
  const [running, stoppedRun, completed] = listed.map((r) => r.summary);
  assert.equal(running?.live, true);
  assert.equal(running?.durationSeconds, 10);
  assert.equal(stoppedRun?.specDiff, 'learningRate 0.01 → 0.1');
  assert.equal(stoppedRun?.resumable, true);
  assert.equal(completed?.specDiff, '');
  assert.equal(completed?.resumable, false);
  assert.equal(completed?.durationSeconds, 30);
  assert.deepEqual(completed?.best, { name: 'val_loss', value: 0.6, epoch: 1 });
  assert.equal(listed[0]?.batchesPerEpoch, 8, 'ceil(80 training samples / batch size 10)');
});

test('an ended run carries the training doctor\'s findings; Best is read again when a resumed run ends again', async () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'layerlens-panel-doctor-'));
  // Overfitting: validation loss rises for 3 epochs while the training loss falls.
  const rising = [0.9, 0.6, 0.45, 0.35, 0.3, 0.25].map((loss, i) => epoch(i + 1, { loss, val_loss: [0.95, 0.8, 0.6, 0.7, 0.8, 0.9][i] ?? 0 }));
  const runDir = makeRun(runsDir, '20261126-221530-xor', { status: 'stopped', epochsDone: 2, epochsPlanned: 6 }, XOR, rising.slice(0, 2));
  const catalogue = new RunCatalogue();
  const before = (await catalogue.list(runsDir, '/ws/xor.model.yaml', XOR, () => false))[0]?.summary;
  assert.equal(before?.diagnoses, undefined, 'two epochs show no pattern');
  assert.deepEqual(before?.best, { name: 'val_loss', value: 0.8, epoch: 2 });
  // Resumed to the end: the same folder, more epochs, completed.
  makeRun(runsDir, '20261126-221530-xor', { status: 'completed', epochsDone: 6, epochsPlanned: 6, endedAt: '2026-11-26T22:20:00.000Z' }, XOR, rising);
  const after = (await catalogue.list(runsDir, '/ws/xor.model.yaml', XOR, () => false))[0]?.summary;
  assert.deepEqual(after?.diagnoses?.map((d) => d.kind), ['overfitting'], runDir);
  assert.deepEqual(after?.best, { name: 'val_loss', value: 0.6, epoch: 3 }, 'Best after the resumed epochs');
  assert.equal(after?.epochsDone, 6);
});
