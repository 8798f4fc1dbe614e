import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesStore } from '../../../webviews/training/chart/series-store';

test('keeps every one of 1,000,000 points appended in batches', () => {
  const store = new SeriesStore(16);
  const batch = 1000;
  for (let b = 0; b < 1000; b++) {
    const xs = Float64Array.from({ length: batch }, (_, i) => b * batch + i);
    const ys = Float32Array.from(xs, (x) => x / 2);
    store.append(xs, ys);
  }
  assert.equal(store.length, 1_000_000);
  assert.equal(store.xs[999_999], 999_999);
  assert.equal(store.ys[123_457], 123_457 / 2);
  assert.equal(store.firstX(), 0);
  assert.equal(store.lastX(), 999_999);
});

test('accepts plain arrays, keeps y exactly (Float64)', () => {
  const store = new SeriesStore();
  store.append([1, 2], [0.1, 0.30000000000000004]);
  assert.deepEqual([...store.ys], [0.1, 0.30000000000000004]);
});

test('rejects x going backwards, non-finite x and mismatched lengths, appending nothing', () => {
  const store = new SeriesStore();
  store.append([1, 2, 2], [1, 1, 1]);
  assert.throws(() => store.append([3, 1], [0, 0]), RangeError);
  assert.throws(() => store.append([1.5], [0]), RangeError);
  assert.throws(() => store.append([Number.NaN], [0]), RangeError);
  assert.throws(() => store.append([5, 6], [0]), RangeError);
  assert.equal(store.length, 3);
  store.append([2, 7], [Number.NaN, Number.POSITIVE_INFINITY]);
  assert.equal(store.length, 5);
});
