import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bucketMinMax, lowerBound, upperBound, visibleIndexRange } from '../../../webviews/training/chart/bucketing';
import { buildDrawnData } from '../../../webviews/training/chart/drawn-data';

const MILLION = 1_000_000;

/** A noisy decaying loss curve in (0, 2): deterministic, no value near the test spikes. */
function lossCurve(length: number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(length);
  const ys = new Float64Array(length);
  let seed = 12345;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    xs[i] = i;
    ys[i] = 1 / (1 + i / 1000) + 0.5 * (seed / 2147483648);
  }
  return { xs, ys };
}

const curve = lossCurve(MILLION);
const widths = [1, 3, 317, 1000, 1920, 4096];
const spikeIndices = [0, 1, 4_321, 499_999, 500_000, 999_998, 999_999];

for (const spike of [1e6, -1e6]) {
  test(`a single ${spike > 0 ? 'positive' : 'negative'} spike in 1,000,000 points is always drawn`, () => {
    for (const index of spikeIndices) {
      const saved = curve.ys[index] ?? 0;
      curve.ys[index] = spike;
      try {
        for (const width of widths) {
          const full = { start: 0, end: MILLION };
          const out = bucketMinMax(curve.xs, curve.ys, full, 0, MILLION - 1, width);
          const at = out.ys.indexOf(spike);
          assert.ok(at >= 0, `spike at ${index} lost at width ${width}`);
          assert.equal(out.xs[at], index);
          assert.ok(out.xs.length <= 4 * width, `${out.xs.length} points > 4·${width}`);
          // Also through the chart's drawn data, zoomed to a window that contains the spike.
          const zoomMin = Math.max(0, index - 123_456);
          const zoomMax = Math.min(MILLION - 1, index + 7_890);
          const drawn = buildDrawnData([curve], zoomMin, zoomMax, width, { positiveOnly: false });
          assert.ok(drawn.ys[0]?.includes(spike), `spike at ${index} lost when zoomed, width ${width}`);
        }
      } finally {
        curve.ys[index] = saved;
      }
    }
  });
}

test('output has at most 4 points per pixel column for 1,000,000 points', () => {
  for (const width of widths) {
    const out = bucketMinMax(curve.xs, curve.ys, { start: 0, end: MILLION }, 0, MILLION - 1, width);
    assert.ok(out.xs.length <= 4 * width);
    assert.ok(out.xs.length >= Math.min(width, 2), 'every column with points emits at least one');
  }
});

test('binary search finds the visible index range', () => {
  const xs = Float64Array.from([0, 1, 1, 2, 5, 5, 9]);
  assert.equal(lowerBound(xs, xs.length, 1), 1);
  assert.equal(upperBound(xs, xs.length, 1), 3);
  assert.equal(lowerBound(xs, xs.length, 3), 4);
  assert.deepEqual(visibleIndexRange(xs, xs.length, 1, 5), { start: 1, end: 6 });
  assert.deepEqual(visibleIndexRange(xs, xs.length, 6, 8), { start: 6, end: 6 });
  assert.deepEqual(visibleIndexRange(xs, xs.length, -5, 100), { start: 0, end: 7 });
});

test('a column emits first, min, max and last in x order', () => {
  const xs = Float64Array.from([0, 1, 2, 3, 4, 5]);
  const ys = Float64Array.from([5, 9, 1, 7, 3, 4]);
  const out = bucketMinMax(xs, ys, { start: 0, end: 6 }, 0, 5, 1);
  // first (0,5), max (1,9), min (2,1), last (5,4)
  assert.deepEqual([...out.xs], [0, 1, 2, 5]);
  assert.deepEqual([...out.ys], [5, 9, 1, 4]);
});

test('non-finite values are skipped; positiveOnly also skips y ≤ 0', () => {
  const xs = Float64Array.from([0, 1, 2, 3]);
  const ys = Float64Array.from([Number.NaN, 2, Number.POSITIVE_INFINITY, -1]);
  assert.deepEqual([...bucketMinMax(xs, ys, { start: 0, end: 4 }, 0, 3, 1).ys], [2, -1]);
  assert.deepEqual([...bucketMinMax(xs, ys, { start: 0, end: 4 }, 0, 3, 1, { positiveOnly: true }).ys], [2]);
});

test('property: every column keeps its true min and max, output is real points in x order', () => {
  const series = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
    minLength: 1, maxLength: 300,
  });
  fc.assert(fc.property(series, fc.integer({ min: 1, max: 40 }), (pairs, width) => {
    let x = 0;
    const xs = Float64Array.from(pairs, ([step]) => (x += step));
    const ys = Float64Array.from(pairs, ([, y]) => y);
    const xMin = xs[0] ?? 0;
    const xMax = xs[xs.length - 1] ?? 0;
    const out = bucketMinMax(xs, ys, { start: 0, end: xs.length }, xMin, xMax, width);
    assert.ok(out.xs.length <= 4 * width);
    for (let i = 1; i < out.xs.length; i++) assert.ok((out.xs[i] ?? 0) >= (out.xs[i - 1] ?? 0));
    const scale = xMax > xMin ? width / (xMax - xMin) : 0;
    const columnOf = (value: number): number => Math.min(width - 1, Math.floor((value - xMin) * scale));
    const expected = new Map<number, { min: number; max: number }>();
    xs.forEach((value, i) => {
      const y = ys[i] ?? 0;
      const c = columnOf(value);
      const seen = expected.get(c);
      expected.set(c, { min: Math.min(seen?.min ?? y, y), max: Math.max(seen?.max ?? y, y) });
    });
    const got = new Map<number, { min: number; max: number }>();
    out.xs.forEach((value, i) => {
      const y = out.ys[i] ?? 0;
      const c = columnOf(value);
      const seen = got.get(c);
      got.set(c, { min: Math.min(seen?.min ?? y, y), max: Math.max(seen?.max ?? y, y) });
      const source = [...xs.keys()].some((j) => xs[j] === value && ys[j] === y);
      assert.ok(source, `(${value}, ${y}) is not an input point`);
    });
    assert.deepEqual(got, expected);
  }));
});
