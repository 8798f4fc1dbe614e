// Resuming a run from its last checkpoint: weights, optimizer state, step and epoch counters and the shuffling
// continue, in the same folder, without duplicate rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readMeta, readMetrics } from '../../../runtime/runs';
import type { MetricRow } from '../../../runtime/protocol';
import { BACKENDS, recordingTrainer, workspace, xorModel } from './helpers';

const epochsOf = (rows: readonly MetricRow[]) => rows.filter((r) => r.kind === 'epoch').map((r) => r.epoch);

for (const backend of BACKENDS) {
  test(`${backend}: resume continues epochs 3..4 after 1..2, and matches an uninterrupted run`, async () => {
    const ws = workspace();
    const text = xorModel({ epochs: 10, seed: 21, batchSize: 16, noise: 0.1 });
    const file = ws.modelFile('xor', text);
    const recorder = recordingTrainer(ws);
    const first = await recorder.run(file, text, backend, { epochs: 2 });
    assert.equal(first.status, 'completed', first.message);
    const before = readMetrics(first.runDir);
    assert.deepEqual(epochsOf(before), [1, 2]);

    const resumed = await recorder.run(file, text, backend, { epochs: 4, resumeRunDir: first.runDir });
    assert.equal(resumed.status, 'completed', resumed.message);
    assert.equal(resumed.runDir, first.runDir);
    assert.equal(resumed.runId, first.runId);
    const rows = readMetrics(first.runDir);
    assert.deepEqual(epochsOf(rows), [1, 2, 3, 4]);
    const steps = rows.filter((r) => r.kind === 'batch').map((r) => r.step);
    assert.deepEqual(steps, Array.from({ length: steps.length }, (_, i) => i + 1), 'batch steps 1..n, no duplicates');
    const meta = readMeta(first.runDir);
    assert.deepEqual([meta.status, meta.epochsDone, meta.epochsPlanned], ['completed', 4, 4]);

    // The loss continues from the checkpoint rather than restarting from fresh weights.
    const lastBefore = before.filter((r) => r.kind === 'batch').at(-1)?.values['loss'] ?? Number.NaN;
    const firstAfter = rows.find((r) => r.kind === 'batch' && r.epoch === 3)?.values['loss'] ?? Number.NaN;
    const freshStart = before[0]?.values['loss'] ?? Number.NaN;
    assert.ok(Math.abs(firstAfter - lastBefore) < Math.abs(freshStart - lastBefore) / 2, `${freshStart} → ${lastBefore} → ${firstAfter}`);

    // And it matches training 4 epochs in one go (weights, Adam moments, iteration count and order restored).
    const straight = await recorder.run(file, text, backend, { epochs: 4 });
    const straightRows = readMetrics(straight.runDir);
    assert.equal(straightRows.length, rows.length);
    straightRows.forEach((row, i) => {
      const other = rows[i];
      assert.deepEqual([other?.kind, other?.step, other?.epoch], [row.kind, row.step, row.epoch]);
      for (const [name, value] of Object.entries(row.values)) {
        const resumedValue = other?.values[name] ?? Number.NaN;
        assert.ok(Math.abs(resumedValue - value) <= 1e-4 * Math.max(1, Math.abs(value)), `step ${row.step} ${name}: ${resumedValue} vs ${value}`);
      }
    });
  });
}

test('cpu: resuming a run stopped mid-epoch drops the partial epoch rows', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 6, seed: 4, batchSize: 8 });
  const file = ws.modelFile('xor', text);
  let stopAsked = false;
  const recorder = recordingTrainer(ws, {}, (message, trainer) => {
    const midEpoch3 = message.type === 'runMetrics' && message.rows.some((r) => r.epoch === 3 && r.kind === 'batch' && (r.batch ?? 0) >= 3);
    if (midEpoch3 && !stopAsked) stopAsked = trainer.requestStop(message.runId);
  });
  const stopped = await recorder.run(file, text, 'cpu');
  assert.equal(stopped.status, 'stopped');
  const partial = readMetrics(stopped.runDir);
  assert.ok(partial.some((r) => r.epoch === 3), 'some epoch-3 batches were written before the stop');
  const resumed = await recorder.run(file, text, 'cpu', { resumeRunDir: stopped.runDir });
  assert.equal(resumed.status, 'completed', resumed.message);
  const rows = readMetrics(stopped.runDir);
  assert.deepEqual(epochsOf(rows), [1, 2, 3, 4, 5, 6]);
  const steps = rows.filter((r) => r.kind === 'batch').map((r) => r.step);
  assert.deepEqual(steps, Array.from({ length: steps.length }, (_, i) => i + 1));
  assert.equal(steps.length, 6 * 10, '80 training examples in batches of 8 for 6 epochs');
});
