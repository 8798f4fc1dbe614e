/**
 * Min/max bucketing: reduces the points of one series in a visible x-range to at most 4 per pixel
 * column — the first, the minimum, the maximum and the last point of the column, in x order — so the
 * drawn polyline keeps every extreme (a single spike among a million points stays visible) and still
 * joins neighbouring columns where the real line does. Emitted points are real data points, never
 * averages, so a hovered value is a logged value.
 */

/** Half-open index range [start, end). */
export interface IndexRange {
  start: number;
  end: number;
}

/** Points ready for uPlot: xs ascending, ys finite, equal lengths. */
export interface BucketedPoints {
  xs: Float64Array;
  ys: Float64Array;
}

export interface BucketingOptions {
  /** Also skip y ≤ 0 (a log scale cannot draw them). Non-finite y is always skipped. */
  positiveOnly?: boolean;
}

/** First index in [0, length) with xs[i] >= value (length if none). xs must be non-decreasing. */
export function lowerBound(xs: ArrayLike<number>, length: number, value: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((xs[mid] ?? Number.NaN) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index in [0, length) with xs[i] > value (length if none). xs must be non-decreasing. */
export function upperBound(xs: ArrayLike<number>, length: number, value: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((xs[mid] ?? Number.NaN) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Indices of the points with xMin <= x <= xMax, by binary search (O(log n)). */
export function visibleIndexRange(xs: ArrayLike<number>, length: number, xMin: number, xMax: number): IndexRange {
  const start = lowerBound(xs, length, xMin);
  return { start, end: Math.max(start, upperBound(xs, length, xMax)) };
}

/** True when bucketing would keep y (finite, and positive when asked). */
export function isDrawable(y: number, positiveOnly: boolean): boolean {
  return Number.isFinite(y) && (!positiveOnly || y > 0);
}

/**
 * Buckets the points in `range` into `width` equal columns spanning [xMin, xMax] and emits, per
 * column, the distinct points among first/min/max/last in index order. O(range length); output has
 * at most 4·width points. Ties for min/max keep the earliest point.
 */
export function bucketMinMax(
  xs: ArrayLike<number>, ys: ArrayLike<number>, range: IndexRange,
  xMin: number, xMax: number, width: number, options: BucketingOptions = {},
): BucketedPoints {
  const columns = Math.max(1, Math.floor(width));
  const positiveOnly = options.positiveOnly ?? false;
  const capacity = Math.min(4 * columns, Math.max(0, range.end - range.start));
  const outX = new Float64Array(capacity);
  const outY = new Float64Array(capacity);
  let count = 0;
  const emit = (index: number): void => {
    outX[count] = xs[index] ?? Number.NaN;
    outY[count] = ys[index] ?? Number.NaN;
    count++;
  };

  const span = xMax - xMin;
  const scale = span > 0 ? columns / span : 0;
  let column = -1;
  let first = -1;
  let last = -1;
  let minIndex = -1;
  let maxIndex = -1;
  let minY = 0;
  let maxY = 0;
  const flush = (): void => {
    if (first < 0) return;
    emit(first);
    const low = Math.min(minIndex, maxIndex);
    const high = Math.max(minIndex, maxIndex);
    if (low !== first && low !== last) emit(low);
    if (high !== low && high !== first && high !== last) emit(high);
    if (last !== first) emit(last);
  };

  for (let i = range.start; i < range.end; i++) {
    const y = ys[i] ?? Number.NaN;
    if (!isDrawable(y, positiveOnly)) continue;
    const x = xs[i] ?? Number.NaN;
    const at = Math.min(columns - 1, Math.max(0, Math.floor((x - xMin) * scale)));
    if (at !== column) {
      flush();
      column = at;
      first = last = minIndex = maxIndex = i;
      minY = maxY = y;
      continue;
    }
    last = i;
    if (y < minY) {
      minY = y;
      minIndex = i;
    }
    if (y > maxY) {
      maxY = y;
      maxIndex = i;
    }
  }
  flush();
  return { xs: outX.subarray(0, count), ys: outY.subarray(0, count) };
}
