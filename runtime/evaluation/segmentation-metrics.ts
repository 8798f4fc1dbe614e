// Segmentation scores from per-pixel class indices. Pure functions.

/**
 * Intersection over union per class over all pixels. A class absent from both truth and prediction scores 1 (nothing
 * to get wrong), so a perfect mask always scores 1 everywhere.
 */
export function iouPerClass(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[] {
  const intersection = new Array<number>(classes).fill(0);
  const union = new Array<number>(classes).fill(0);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] ?? 0;
    const p = predicted[i] ?? 0;
    if (t === p) {
      intersection[t] = (intersection[t] ?? 0) + 1;
      union[t] = (union[t] ?? 0) + 1;
    } else {
      union[t] = (union[t] ?? 0) + 1;
      union[p] = (union[p] ?? 0) + 1;
    }
  }
  return union.map((u, k) => (u === 0 ? 1 : (intersection[k] ?? 0) / u));
}

export function pixelAccuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (truth.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) same++;
  return same / truth.length;
}

/**
 * Class index per pixel from `[pixels, channels]` values: one channel → class 1 when > 0.5 (a sigmoid mask or a
 * binary target); several → the first largest.
 */
export function pixelClasses(values: Float32Array, channels: number): Uint8Array {
  const pixels = channels === 0 ? 0 : values.length / channels;
  const classes = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    if (channels === 1) {
      classes[i] = (values[i] ?? 0) > 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < channels; c++) if ((values[i * channels + c] ?? 0) > (values[i * channels + best] ?? 0)) best = c;
    classes[i] = best;
  }
  return classes;
}
