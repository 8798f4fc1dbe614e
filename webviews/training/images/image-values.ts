// Turns the values a run saved per epoch (model scale, row-major `[count, ...shape]`) into bytes a canvas draws.
// Pure functions, unit-tested: what the user sees of a GAN's progress must not depend on drawing code.

/** The value range mapped to black..white. */
export interface DisplayRange { readonly low: number; readonly high: number }

/**
 * One range for every image shown together (inputs and reconstructions compare on the same scale): `[0, 1]` when
 * every value lies in it (sigmoid outputs, MNIST), `[-1, 1]` likewise (tanh), else the values' own minimum..maximum.
 */
export function displayRange(arrays: readonly Float32Array[]): DisplayRange {
  let low = Infinity;
  let high = -Infinity;
  for (const values of arrays) {
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (!(low <= high)) return { low: 0, high: 1 }; // no values
  if (low >= 0 && high <= 1) return { low: 0, high: 1 };
  if (low >= -1 && high <= 1) return { low: -1, high: 1 };
  return high > low ? { low, high } : { low: low - 0.5, high: high + 0.5 };
}

/** `[n]` → `[1, n, 1]`, `[h, w]` → `[h, w, 1]`, `[h, w, c]` unchanged: always HWC. */
export function hwcShape(shape: readonly number[]): [number, number, number] {
  if (shape.length === 1) return [1, shape[0] ?? 0, 1];
  if (shape.length === 2) return [shape[0] ?? 0, shape[1] ?? 0, 1];
  return [shape[0] ?? 0, shape[1] ?? 0, shape[2] ?? 1];
}

/** How many images `values` holds for an image shape (the file's checks guarantee a whole number). */
export function imageCount(values: Float32Array, shape: readonly number[]): number {
  const size = shape.reduce((a, b) => a * b, 1);
  return size > 0 ? Math.floor(values.length / size) : 0;
}

/** Image `index` of `values` as bytes 0–255 (HWC, same channels), `range` mapped linearly and clamped. */
export function imageBytes(values: Float32Array, index: number, shape: readonly number[], range: DisplayRange): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(size);
  const scale = 255 / (range.high - range.low);
  for (let i = 0; i < size; i++) {
    const v = values[index * size + i] ?? range.low;
    bytes[i] = Math.round(Math.min(255, Math.max(0, (v - range.low) * scale)));
  }
  return bytes;
}
