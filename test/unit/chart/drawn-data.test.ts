import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignSeries, buildDrawnData } from '../../../webviews/training/chart/drawn-data';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

test('aligns series on the union of their x values with null gaps', () => {
  const aligned = alignSeries([
    { xs: f64([0, 2, 4]), ys: f64([10, 12, 14]) },
    { xs: f64([1, 2, 5]), ys: f64([21, 22, 25]) },
  ]);
  assert.deepEqual([...aligned.xs], [0, 1, 2, 4, 5]);
  assert.deepEqual(aligned.ys, [[10, null, 12, 14, null], [null, 21, 22, null, 25]]);
  assert.equal(aligned.pointCount, 6);
});

test('repeated x within one series keeps one column per point', () => {
  const aligned = alignSeries([{ xs: f64([1, 1, 2]), ys: f64([5, 6, 7]) }, { xs: f64([1]), ys: f64([9]) }]);
  assert.deepEqual([...aligned.xs], [1, 1, 2]);
  assert.deepEqual(aligned.ys, [[5, 6, 7], [9, null, null]]);
});

test('zoomed range adds the nearest drawable point outside each side', () => {
  const series = { xs: f64([0, 1, 2, 3, 4, 5, 6]), ys: f64([1, Number.NaN, 3, 4, 5, Number.NaN, 7]) };
  const drawn = buildDrawnData([series], 2, 4, 100, { positiveOnly: false });
  assert.deepEqual([...drawn.xs], [0, 2, 3, 4, 6]);
  assert.deepEqual(drawn.ys, [[1, 3, 4, 5, 7]]);
});

test('log scale drops y ≤ 0 before bucketing, so a positive minimum is kept', () => {
  const series = { xs: f64([0, 1, 2, 3]), ys: f64([0.5, -1, 0.1, 0.3]) };
  const drawn = buildDrawnData([series], 0, 3, 1, { positiveOnly: true });
  assert.deepEqual(drawn.ys, [[0.5, 0.1, 0.3]]);
});
