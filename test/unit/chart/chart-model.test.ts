import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChartModel } from '../../../webviews/training/chart/chart-model';

test('keeps raw points and smoothed values per series, recomputed when smoothing changes', () => {
  const model = new ChartModel({ type: 'ema', beta: 0.5 });
  model.addSeries({ key: 'a/train', label: 'a train' });
  model.addSeries({ key: 'a/val', label: 'a val', colourIndex: 0 });
  model.append('a/train', [1, 2], [2, 2]);
  model.append('a/val', [5], [7]);
  const [train, val] = model.layers();
  assert.deepEqual([...(train?.raw.ys ?? [])], [2, 2]);
  assert.deepEqual([...(train?.smoothed?.ys ?? [])], [2, 2]);
  assert.equal(val?.colourIndex, 0);
  assert.deepEqual(model.xExtent(), { min: 1, max: 5 });
  model.setSmoothing({ type: 'none' });
  assert.equal(model.layers()[0]?.smoothed, undefined);
  model.setSmoothing({ type: 'trailing', window: 2 });
  model.append('a/train', [3], [5]);
  assert.deepEqual([...(model.layers()[0]?.smoothed?.ys ?? [])], [2, 2, 3.5]);
  assert.equal(model.totalPoints(), 4);
});

test('unknown and duplicate series keys are errors', () => {
  const model = new ChartModel({ type: 'none' });
  model.addSeries({ key: 'x', label: 'x' });
  assert.throws(() => model.addSeries({ key: 'x', label: 'again' }));
  assert.throws(() => model.append('y', [1], [1]));
  assert.equal(model.xExtent(), undefined);
});
