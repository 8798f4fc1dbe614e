// Input transforms applied before the model at evaluation time ("feature squeezing", Xu et al. 2018): bit-depth
// reduction and a median filter. They show how much of an attack a preprocessing step undoes; they are NOT a real
// defence, since an adaptive attacker who knows the transform attacks through it (Athalye et al. 2018; He et al. 2017).
import * as tf from '@tensorflow/tfjs';
import type { ValidRange } from './types';

export interface InputTransform {
  /** Quantise each value to 2^bits levels within the valid range (1…8). */
  readonly bitDepth?: number;
  /** Median filter of size k×k (odd, ≥ 3) per channel, symmetric padding; image inputs `[n, h, w, c]` only. */
  readonly median?: number;
}

export const TRANSFORM_CAVEAT = 'Input transforms are not a real defence: an attacker who knows them attacks through them.';

export function checkTransform(transform: InputTransform, inputRank: number): void {
  const { bitDepth, median } = transform;
  if (bitDepth !== undefined && !(Number.isInteger(bitDepth) && bitDepth >= 1 && bitDepth <= 8)) {
    throw new Error(`bit depth must be a whole number in 1…8, got ${bitDepth}`);
  }
  if (median !== undefined) {
    if (!(Number.isInteger(median) && median >= 3 && median % 2 === 1)) throw new Error(`median filter size must be odd and ≥ 3, got ${median}`);
    if (inputRank !== 4) throw new Error('the median filter needs image inputs [height, width, channels]');
  }
}

/** Applies the transform to `x` (bit depth first, then the median filter); returns a new tensor. */
export function applyTransform(x: tf.Tensor, transform: InputTransform, range: ValidRange): tf.Tensor {
  return tf.tidy(() => {
    let result = tf.clone(x);
    if (transform.bitDepth !== undefined) result = reduceBitDepth(result, transform.bitDepth, range);
    if (transform.median !== undefined) result = medianFilter(result as tf.Tensor4D, transform.median);
    return result;
  });
}

function reduceBitDepth(x: tf.Tensor, bits: number, range: ValidRange): tf.Tensor {
  const levels = 2 ** bits - 1;
  const span = range.hi - range.lo || 1;
  return tf.tidy(() => tf.add(tf.mul(tf.div(tf.round(tf.mul(tf.div(tf.sub(x, range.lo), span), levels)), levels), span), range.lo));
}

/** `[n, h, w, c]` → same shape; each value the median of its k×k neighbourhood in its own channel. */
export function medianFilter(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.tidy(() => {
    const half = (size - 1) / 2;
    const [n, h, w, c] = x.shape;
    const padded = tf.mirrorPad(x, [[0, 0], [half, half], [half, half], [0, 0]], 'symmetric');
    const windows: tf.Tensor4D[] = [];
    for (let dy = 0; dy < size; dy++) {
      for (let dx = 0; dx < size; dx++) windows.push(tf.slice(padded, [0, dy, dx, 0], [n, h, w, c]));
    }
    const stacked = tf.stack(windows, 4);
    const middle = Math.floor((size * size) / 2);
    const { values } = tf.topk(stacked, middle + 1); // descending: the last of the top half is the median
    return tf.squeeze<tf.Tensor4D>(tf.slice(values, [0, 0, 0, 0, middle], [n, h, w, c, 1]), [4]);
  });
}
