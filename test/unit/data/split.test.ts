import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, permutation, streamFor } from '../../../runtime/data/random';
import { stratifiedSplit, stratifiedSubset } from '../../../runtime/data/split';
import { DataError } from '../../../runtime/data/errors';

// Uneven classes, like mnist: 0 → 103, 1 → 57, 2 → 240, 3 → 9.
const sizes = [103, 57, 240, 9];
const strata = Int32Array.from(sizes.flatMap((size, label) => Array<number>(size).fill(label)));

const countByLabel = (indices: Int32Array) => {
  const counts = sizes.map(() => 0);
  indices.forEach((i) => (counts[strata[i] ?? 0] = (counts[strata[i] ?? 0] ?? 0) + 1));
  return counts;
};

test('stratified split keeps every class in proportion and uses each example once', () => {
  for (const fraction of [0, 0.1, 0.25, 0.5, 0.9]) {
    const { train, validation } = stratifiedSplit(strata, fraction, mulberry32(7));
    assert.equal(train.length + validation.length, strata.length);
    const all = [...train, ...validation].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: strata.length }, (_, i) => i), 'a partition of all indices');
    const validationCounts = countByLabel(validation);
    const trainCounts = countByLabel(train);
    assert.equal(validation.length, Math.round(strata.length * fraction));
    sizes.forEach((size, label) => {
      const held = validationCounts[label] ?? -1;
      assert.ok(held === Math.floor(size * fraction) || held === Math.ceil(size * fraction), `class ${label} at ${fraction}: ${held}`);
      assert.equal((trainCounts[label] ?? 0) + (validationCounts[label] ?? 0), size);
    });
  }
});

test('split is reproducible from the seed and differs between seeds', () => {
  const a = stratifiedSplit(strata, 0.2, mulberry32(1));
  const b = stratifiedSplit(strata, 0.2, mulberry32(1));
  const c = stratifiedSplit(strata, 0.2, mulberry32(2));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.validation, c.validation);
});

test('split shuffles classes together rather than leaving them in blocks', () => {
  const { train } = stratifiedSplit(strata, 0.1, mulberry32(3));
  const firstHundredLabels = new Set([...train.slice(0, 100)].map((i) => strata[i]));
  assert.ok(firstHundredLabels.size >= 3, `labels in the first 100: ${[...firstHundredLabels].join(',')}`);
});

test('validation fraction outside 0..0.9 is a DataError', () => {
  for (const bad of [-0.1, 0.95, Number.NaN]) {
    assert.throws(() => stratifiedSplit(strata, bad, mulberry32(1)), DataError);
  }
});

test('stratified subset takes each class in proportion', () => {
  const subset = stratifiedSubset(strata, 100, mulberry32(5));
  const counts = countByLabel(subset);
  assert.equal(subset.length, 100);
  sizes.forEach((size, label) => {
    const exact = (size * 100) / strata.length;
    assert.ok(counts[label] === Math.floor(exact) || counts[label] === Math.ceil(exact), `class ${label}: ${counts[label]}`);
  });
  assert.deepEqual([...subset], [...subset].sort((a, b) => a - b), 'ascending order');
});

test('mulberry32 is deterministic, in [0, 1), and streams differ by purpose', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const values = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(values, Array.from({ length: 1000 }, () => b()));
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  assert.notEqual(streamFor(42, 'split')(), streamFor(42, 'generate')());
  const order = permutation(50, mulberry32(9));
  assert.deepEqual([...order].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});
