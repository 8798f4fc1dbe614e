// The webview's DOM-free parts: the store of received points (what the test hook counts) and the smoothing settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnBlock, RunPoints } from '../../../webviews/training/protocol';
import { RunStore } from '../../../webviews/training/ui/run-store';
import { describeSmoothing, sanitiseSettings, smoothingSpec } from '../../../webviews/training/ui/settings';

const block = (steps: number[], values: Record<string, number[]>): ColumnBlock => ({
  step: Float64Array.from(steps), epoch: Float64Array.from(steps.map((s) => s / 10)),
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Float64Array.from(v)])),
});
const empty = block([], {});
const points = (runId: string, reset: boolean, batch: ColumnBlock, epoch = empty): RunPoints => ({ runId, reset, batch, epoch });

test('the store appends batches, pads metrics that appear later with NaN, and a reset starts the run over', () => {
  const store = new RunStore();
  store.apply(points('a', true, block([1, 2], { loss: [0.9, 0.8] })));
  const run = store.apply(points('a', false, block([3], { loss: [0.7], accuracy: [0.5] }), block([3], { val_loss: [0.75] })));
  assert.deepEqual([...run.batch.step.view()], [1, 2, 3]);
  assert.deepEqual([...(run.batch.values('accuracy') ?? [])], [NaN, NaN, 0.5]);
  assert.deepEqual(store.state(), [{ runId: 'a', batchPoints: 3, epochPoints: 1, lastLoss: 0.7 }]);
  store.apply(points('a', true, block([1], { loss: [0.5] })));
  assert.deepEqual(store.state(), [{ runId: 'a', batchPoints: 1, epochPoints: 0, lastLoss: 0.5 }]);
  store.apply(points('a', false, block([2], { accuracy: [0.6] })));
  assert.ok(Number.isNaN(store.get('a')?.lastLoss()), 'a row without loss pads the loss column');
  store.remove('a');
  assert.deepEqual(store.state(), []);
});

test('the smoothing slider maps to a debiased EMA β or an odd moving-average window; 0 is off', () => {
  const at = (smoothingMethod: 'ema' | 'centred' | 'trailing', smoothing: number) =>
    smoothingSpec({ xAxis: 'step', yScale: 'linear', smoothingMethod, smoothing });
  assert.deepEqual(at('ema', 0), { type: 'none' });
  assert.deepEqual(at('ema', 100), { type: 'ema', beta: 0.99 });
  assert.deepEqual(at('ema', 60), { type: 'ema', beta: 0.594 });
  assert.deepEqual(at('centred', 60), { type: 'centred', window: 61 });
  assert.deepEqual(at('trailing', 1), { type: 'trailing', window: 3 });
  assert.equal(describeSmoothing({ xAxis: 'step', yScale: 'linear', smoothingMethod: 'trailing', smoothing: 20 }), 'window 21');
});

test('settings restored from webview state are checked, unknown values falling back to defaults', () => {
  assert.deepEqual(sanitiseSettings({ xAxis: 'epoch', yScale: 'log', smoothingMethod: 'centred', smoothing: 250 }),
    { xAxis: 'epoch', yScale: 'log', smoothingMethod: 'centred', smoothing: 100 });
  const odd = { xAxis: 'time', smoothingMethod: 'median', smoothing: Number.NaN } as unknown as Parameters<typeof sanitiseSettings>[0];
  assert.deepEqual(sanitiseSettings(odd), { xAxis: 'step', yScale: 'linear', smoothingMethod: 'ema', smoothing: 60 });
});
