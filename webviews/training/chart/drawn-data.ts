import { bucketMinMax, isDrawable, visibleIndexRange, type BucketedPoints } from './bucketing';

/** One series to draw: x and y of equal length (x non-decreasing), e.g. SeriesStore views. */
export interface DrawableSeries {
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * uPlot "aligned" data for several series: one shared x column (the union of every series' drawn x,
 * ascending) and one y column per series with null where that series has no point at that x.
 * Series are drawn with spanGaps, so nulls never break a line.
 */
export interface DrawnData {
  xs: Float64Array;
  ys: (number | null)[][];
  /** Number of non-null y values, i.e. points actually drawn. */
  pointCount: number;
}

export interface DrawOptions {
  /** Drop y ≤ 0 before bucketing (log scale). */
  positiveOnly: boolean;
}

/**
 * Buckets every series over [xMin, xMax] at `width` pixel columns, adds the nearest drawable point
 * just outside each side (so lines run to the plot edges when zoomed in) and aligns the results.
 */
export function buildDrawnData(
  series: readonly DrawableSeries[], xMin: number, xMax: number, width: number, options: DrawOptions,
): DrawnData {
  const parts = series.map((s) => bucketWithNeighbours(s, xMin, xMax, width, options.positiveOnly));
  return alignSeries(parts);
}

function bucketWithNeighbours(
  series: DrawableSeries, xMin: number, xMax: number, width: number, positiveOnly: boolean,
): BucketedPoints {
  const length = Math.min(series.xs.length, series.ys.length);
  const range = visibleIndexRange(series.xs, length, xMin, xMax);
  const inside = bucketMinMax(series.xs, series.ys, range, xMin, xMax, width, { positiveOnly });
  let before = range.start - 1;
  while (before >= 0 && !isDrawable(series.ys[before] ?? Number.NaN, positiveOnly)) before--;
  let after = range.end;
  while (after < length && !isDrawable(series.ys[after] ?? Number.NaN, positiveOnly)) after++;
  const extra = (before >= 0 ? 1 : 0) + (after < length ? 1 : 0);
  if (extra === 0) return inside;
  const xs = new Float64Array(inside.xs.length + extra);
  const ys = new Float64Array(xs.length);
  let offset = 0;
  if (before >= 0) {
    xs[0] = series.xs[before] ?? Number.NaN;
    ys[0] = series.ys[before] ?? Number.NaN;
    offset = 1;
  }
  xs.set(inside.xs, offset);
  ys.set(inside.ys, offset);
  if (after < length) {
    xs[xs.length - 1] = series.xs[after] ?? Number.NaN;
    ys[ys.length - 1] = series.ys[after] ?? Number.NaN;
  }
  return { xs, ys };
}

/**
 * Merges sorted per-series points onto one x column. Equal x values from different series share a
 * column; repeated x within one series gets one column per point. O(columns · series).
 */
export function alignSeries(parts: readonly BucketedPoints[]): DrawnData {
  const heads = new Int32Array(parts.length);
  const columns: number[] = [];
  const ys: (number | null)[][] = parts.map(() => []);
  let pointCount = 0;
  for (;;) {
    let minX = Number.POSITIVE_INFINITY;
    let any = false;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      const head = heads[k] ?? 0;
      if (part && head < part.xs.length) {
        any = true;
        minX = Math.min(minX, part.xs[head] ?? Number.POSITIVE_INFINITY);
      }
    }
    if (!any) break;
    columns.push(minX);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      const column = ys[k];
      const head = heads[k] ?? 0;
      if (!part || !column) continue;
      if (head < part.xs.length && part.xs[head] === minX) {
        column.push(part.ys[head] ?? null);
        heads[k] = head + 1;
        pointCount++;
      } else {
        column.push(null);
      }
    }
  }
  return { xs: Float64Array.from(columns), ys, pointCount };
}
