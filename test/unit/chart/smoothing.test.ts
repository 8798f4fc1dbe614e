import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CentredMean, createSmoother, DebiasedEma, smoothAll, TrailingMean, type SmoothingSpec,
} from '../../../webviews/training/chart/smoothing';

const close = (actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-12): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((want, i) => {
    const got = actual[i] ?? Number.NaN;
    if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `index ${i}: expected NaN, got ${got}`);
    else assert.ok(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)), `index ${i}: ${got} ≠ ${want}`);
  });
};

test('debiased EMA of a constant series equals the constant from the first point', () => {
  for (const beta of [0, 0.5, 0.9, 0.99, 0.999]) {
    for (const constant of [0.1, 2.302585, -7, 1e-8]) {
      const out = smoothAll({ type: 'ema', beta }, new Float64Array(500).fill(constant));
      out.forEach((value, i) => assert.equal(value, constant, `β=${beta}, index ${i}`));
    }
  }
});

test('debiased EMA matches s_t / (1 − β^t) with s_t = β s_{t−1} + (1 − β) y_t', () => {
  const ys = [3, 1, 4, 1, 5, 9, 2, 6];
  const beta = 0.8;
  let s = 0;
  const expected = ys.map((y, i) => {
    s = beta * s + (1 - beta) * y;
    return s / (1 - beta ** (i + 1));
  });
  close(smoothAll({ type: 'ema', beta }, ys), expected);
  // Hand-computed first two: 3, then (0.8·0.6 + 0.2·1) / (1 − 0.64) = 0.68 / 0.36.
  close(smoothAll({ type: 'ema', beta }, ys).subarray(0, 2), [3, 0.68 / 0.36]);
});

test('appending points never changes earlier EMA or trailing-mean outputs', () => {
  const specs: SmoothingSpec[] = [{ type: 'ema', beta: 0.95 }, { type: 'trailing', window: 7 }];
  const batches = fc.array(fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(Number.NaN)), {
    maxLength: 20,
  }), { maxLength: 30 });
  for (const spec of specs) {
    fc.assert(fc.property(batches, (chunks) => {
      const smoother = createSmoother(spec);
      assert.ok(smoother);
      let before = new Float64Array(0);
      for (const chunk of chunks) {
        const firstChanged = smoother.append(chunk);
        assert.equal(firstChanged, before.length);
        const now = smoother.values();
        assert.deepEqual(now.subarray(0, before.length), before);
        before = now.slice();
      }
      assert.deepEqual(before, smoothAll(spec, chunks.flat()));
    }));
  }
});

test('EMA over 1,000,000 points appended in batches of 1,000 equals one whole-array pass', () => {
  const ys = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i / 1000) + (i % 7) / 10);
  const single = new DebiasedEma(0.99);
  for (let i = 0; i < ys.length; i += 1000) single.append(ys.subarray(i, i + 1000));
  assert.deepEqual(single.values(), smoothAll({ type: 'ema', beta: 0.99 }, ys));
});

// Hand-computed example: ys = [4, 8, 6, −2, 10, 0].
const ys = [4, 8, 6, -2, 10, 0];

test('trailing moving average, window 3, shrinks at the start', () => {
  // [4], [4,8], [4,8,6], [8,6,−2], [6,−2,10], [−2,10,0]
  close(smoothAll({ type: 'trailing', window: 3 }, ys), [4, 6, 6, 4, 14 / 3, 8 / 3]);
});

test('centred moving average, window 3 and 5, shrinks symmetrically at the ends', () => {
  // window 3: [4], [4,8,6], [8,6,−2], [6,−2,10], [−2,10,0], [0]
  close(smoothAll({ type: 'centred', window: 3 }, ys), [4, 6, 4, 14 / 3, 8 / 3, 0]);
  // window 5: [4], [4,8,6], [4,8,6,−2,10], [8,6,−2,10,0], [−2,10,0], [0]
  close(smoothAll({ type: 'centred', window: 5 }, ys), [4, 6, 5.2, 4.4, 8 / 3, 0]);
  // An even window is widened by one: 4 behaves like 5.
  close(smoothAll({ type: 'centred', window: 4 }, ys), [4, 6, 5.2, 4.4, 8 / 3, 0]);
});

test('centred moving average: only the last ⌊window/2⌋ values change when points arrive', () => {
  const centred = new CentredMean(5);
  assert.equal(centred.append(ys.slice(0, 4)), 0);
  close(centred.values(), [4, 6, 4, -2]);
  const before = centred.values().slice();
  const firstChanged = centred.append(ys.slice(4));
  assert.equal(firstChanged, 2);
  assert.deepEqual(centred.values().subarray(0, 2), before.subarray(0, 2));
  close(centred.values(), [4, 6, 5.2, 4.4, 8 / 3, 0]);
});

test('NaN and Infinity are skipped: NaN at their own index, never inside an average', () => {
  const noisy = [4, Number.NaN, 8, Number.POSITIVE_INFINITY, 6];
  // EMA β = 0.5 over the finite values 4, 8, 6: 4, then (0.5·2 + 0.5·8)/(0.75) = 20/3, then …
  const ema = smoothAll({ type: 'ema', beta: 0.5 }, noisy);
  const third = (0.5 * (0.5 * 2 + 0.5 * 8) + 0.5 * 6) / (1 - 0.125);
  close(ema, [4, Number.NaN, 20 / 3, Number.NaN, third]);
  // Trailing window 3 at index 2 sees [4, NaN, 8] → 6; at index 4 sees [8, ∞, 6] → 7.
  close(smoothAll({ type: 'trailing', window: 3 }, noisy), [4, Number.NaN, 6, Number.NaN, 7]);
  // Centred window 3: index 2 sees [NaN, 8, ∞] → 8.
  close(smoothAll({ type: 'centred', window: 3 }, noisy), [4, Number.NaN, 8, Number.NaN, 6]);
  // A window holding no finite value gives NaN rather than 0.
  close(smoothAll({ type: 'trailing', window: 1 }, [Number.NaN, 1]), [Number.NaN, 1]);
});

test('invalid parameters are rejected', () => {
  assert.throws(() => new DebiasedEma(1), RangeError);
  assert.throws(() => new DebiasedEma(-0.1), RangeError);
  assert.throws(() => new TrailingMean(0), RangeError);
  assert.throws(() => new CentredMean(2.5), RangeError);
  assert.equal(createSmoother({ type: 'none' }), undefined);
});
