// The Explain view's display maths: Captum's cumulative-sum clipping, sign modes, fixed vs per-image scales,
// all-zero maps that never divide by zero, and the top-5 order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySign, clipThreshold, normalise, sharedScales, tableIndex, topClasses } from '../../../webviews/inspector/explain/heatmap';

test('clipThreshold follows Captum: the |value| where the sorted cumulative sum reaches 98% of the total', () => {
  // 99 values of 1 and one outlier of 1000: total 1099, 98% = 1077.02 → reached only by the outlier.
  const withOutlier = [...Array.from({ length: 99 }, () => 1), 1000];
  assert.equal(clipThreshold(withOutlier, 2), 1000);
  // 100 equal values: 98% of the sum is reached at the 98th value, which is 1.
  assert.equal(clipThreshold(Array.from({ length: 100 }, () => 1), 2), 1);
  // Ramp 1..100 (sum 5050): cumulative sum ≥ 4949 first at k = 99 (4950).
  assert.equal(clipThreshold(Array.from({ length: 100 }, (_, i) => -(i + 1)), 2), 99);
  assert.equal(clipThreshold([0, 0, 0], 2), 0);
});

test('sign modes, normalisation with clipping, and an all-zero map stays zero', () => {
  assert.deepEqual(Array.from(applySign([-2, 0, 3], 'positive')), [0, 0, 3]);
  assert.deepEqual(Array.from(applySign([-2, 0, 3], 'negative')), [2, 0, 0]);
  assert.deepEqual(Array.from(applySign([-2, 0, 3], 'absolute')), [2, 0, 3]);
  assert.deepEqual(Array.from(applySign([-2, 0, 3], 'all')), [-2, 0, 3]);
  assert.deepEqual(Array.from(normalise([-4, 1, 2, 8], 2)), [-1, 0.5, 1, 1]);
  assert.deepEqual(Array.from(normalise([0, 0], 0)), [0, 0]);
  assert.equal(tableIndex(-1, true), 0);
  assert.equal(tableIndex(0, true), 128);
  assert.equal(tableIndex(1, false), 255);
});

test('fixed normalisation shares the largest scale; per image keeps each; top classes are ordered', () => {
  assert.deepEqual(sharedScales([1, 4, 2], 'fixed'), [4, 4, 4]);
  assert.deepEqual(sharedScales([1, 4, 2], 'perImage'), [1, 4, 2]);
  assert.deepEqual(topClasses([0.1, 0.5, 0.05, 0.3, 0.02, 0.03], 5).map((c) => c.index), [1, 3, 0, 2, 5]);
});
