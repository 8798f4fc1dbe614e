// The panel bench's interleaved statistics: rates per window from row timestamps, and each open window against its
// closed neighbours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairedOverheads, quantile, windowRates } from '../../../scripts/bench-panel/windows.mjs';

/** Batch rows of one epoch every `gapMs` from `start` to `end`. */
const rows = (start: number, end: number, gapMs: number, epoch = 1): { time: number; epoch: number }[] =>
  Array.from({ length: Math.floor((end - start) / gapMs) }, (_, i) => ({ time: start + i * gapMs, epoch }));

test('a window counts the steps after its guard, per second they took', () => {
  const batchRows = [...rows(0, 1000, 10), ...rows(1000, 2000, 20)];
  const rates = windowRates([{ start: 0, end: 1000, open: false }, { start: 1000, end: 2000, open: true }], batchRows, 200);
  assert.deepEqual(rates.map((r) => r.open), [false, true]);
  assert.ok(Math.abs((rates[0]?.batchesPerSecond ?? 0) - 100) < 1e-9);
  assert.ok(Math.abs((rates[1]?.batchesPerSecond ?? 0) - 50) < 1e-9);
});

test('the step across an epoch end (validation, checkpoint) is left out', () => {
  // 10 ms steps, and a 500 ms pause between epoch 1 and epoch 2 inside the window.
  const batchRows = [...rows(0, 400, 10, 1), ...rows(900, 1500, 10, 2)];
  const [rate] = windowRates([{ start: 0, end: 1500, open: true }], batchRows, 0);
  assert.ok(Math.abs((rate?.batchesPerSecond ?? 0) - 100) < 1e-9, `${rate?.batchesPerSecond}`);
});

test('an open window is compared with the mean of its two closed neighbours; edges without both are skipped', () => {
  const rates = [
    { open: true, batchesPerSecond: 10 }, // no closed window before it
    { open: false, batchesPerSecond: 100 },
    { open: true, batchesPerSecond: 90 },
    { open: false, batchesPerSecond: 80 },
    { open: true, batchesPerSecond: 88 },
    { open: false, batchesPerSecond: 96 },
    { open: true, batchesPerSecond: 1 }, // none after it
  ];
  const overheads = pairedOverheads(rates);
  assert.equal(overheads.length, 2);
  assert.ok(Math.abs((overheads[0] ?? 0) - 0) < 1e-12, 'mean(100, 80) = 90');
  assert.ok(Math.abs((overheads[1] ?? 0) - 0) < 1e-12, 'mean(80, 96) = 88');
  assert.ok(Math.abs((pairedOverheads([{ open: false, batchesPerSecond: 100 }, { open: true, batchesPerSecond: 97 },
    { open: false, batchesPerSecond: 100 }])[0] ?? 0) - 0.03) < 1e-12);
});

test('quantiles interpolate between sorted values', () => {
  assert.equal(quantile([3, 1, 2], 0.5), 2);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});
