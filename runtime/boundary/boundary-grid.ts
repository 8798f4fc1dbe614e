// The plane a decision boundary is drawn on: the range of the training inputs with a margin, a grid of points over
// it, and the predicted classes encoded as bytes. Pure functions.
import { decide } from '../evaluation/classification-metrics';

/** Grid side: 64 × 64 = 4,096 predictions per frame. */
export const BOUNDARY_GRID_SIZE = 64;
const MARGIN = 0.1;

export interface PlaneRange {
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
}

/** Range of both features of `xs` (`[n, 2]`), widened by 10% on each side (±1 around a constant feature). */
export function planeRange(xs: ArrayLike<number>): PlaneRange {
  const bounds = [0, 1].map((feature) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = feature; i < xs.length; i += 2) {
      const v = xs[i] ?? 0;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!Number.isFinite(min)) return [-1, 1] as const;
    const pad = max > min ? (max - min) * MARGIN : 1;
    return [min - pad, max + pad] as const;
  });
  return { xRange: bounds[0] ?? [-1, 1], yRange: bounds[1] ?? [-1, 1] };
}

/** Cell centres `[size * size, 2]`, row-major, row 0 at the top (largest y). */
export function gridPoints(range: PlaneRange, size: number): Float32Array {
  const points = new Float32Array(size * size * 2);
  const [x0, x1] = range.xRange;
  const [y0, y1] = range.yRange;
  for (let row = 0; row < size; row++) {
    const y = y1 - ((row + 0.5) / size) * (y1 - y0);
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      points[2 * i] = x0 + ((col + 0.5) / size) * (x1 - x0);
      points[2 * i + 1] = y;
    }
  }
  return points;
}

/** Predicted class and its probability (0–255) per grid cell, from the model's outputs `[cells, units]`. */
export function encodePredictions(outputs: Float32Array, units: number): { classes: Uint8Array; confidence: Uint8Array } {
  const { predicted, confidence } = decide(outputs, units);
  return {
    classes: Uint8Array.from(predicted),
    confidence: Uint8Array.from(confidence, (p) => Math.round(Math.min(1, Math.max(0, p)) * 255)),
  };
}
