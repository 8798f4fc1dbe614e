// Regression scores in the target's own units, and the straight line of a linear model. Pure functions.

export interface RegressionScores {
  readonly mse: number;
  readonly mae: number;
  /** 1 − SSres / SStot, with the mean of each target column; NaN when the targets are constant. */
  readonly r2: number;
}

/** `predictions` and `targets` row-major `[n, width]`, same units. */
export function regressionScores(predictions: ArrayLike<number>, targets: ArrayLike<number>, width: number): RegressionScores {
  const total = targets.length;
  if (total === 0 || width <= 0) return { mse: Number.NaN, mae: Number.NaN, r2: Number.NaN };
  const rows = total / width;
  const means = new Array<number>(width).fill(0);
  for (let i = 0; i < total; i++) means[i % width] = (means[i % width] ?? 0) + (targets[i] ?? 0) / rows;
  let squared = 0;
  let absolute = 0;
  let spread = 0;
  for (let i = 0; i < total; i++) {
    const error = (predictions[i] ?? 0) - (targets[i] ?? 0);
    squared += error * error;
    absolute += Math.abs(error);
    const deviation = (targets[i] ?? 0) - (means[i % width] ?? 0);
    spread += deviation * deviation;
  }
  return { mse: squared / total, mae: absolute / total, r2: spread === 0 ? Number.NaN : 1 - squared / spread };
}

/** w and b of y = w·x + b through two points of an affine function (x0 ≠ x1). */
export function lineThrough(x0: number, y0: number, x1: number, y1: number): { w: number; b: number } {
  const w = (y1 - y0) / (x1 - x0);
  return { w, b: y0 - w * x0 };
}

/** `count` evenly spaced values from `min` to `max` inclusive. */
export function linspace(min: number, max: number, count: number): number[] {
  if (count <= 1) return [min];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}
