// The set an L∞ attack may move x within: the ε-ball around x intersected with the data's valid range. The range is
// widened to include x itself (min(lo, x), max(hi, x)), so an example already outside the training range (possible
// for standardised tabular data) is never moved by clipping alone and ε = 0 always leaves x unchanged.
import * as tf from '@tensorflow/tfjs';
import type { ValidRange } from './types';

export interface Box {
  /** Elementwise bounds, each shaped like x. */
  readonly lower: tf.Tensor;
  readonly upper: tf.Tensor;
}

/** The box [max(min(lo, x), x − ε), min(max(hi, x), x + ε)]; the caller owns both tensors. */
export function attackBox(x: tf.Tensor, epsilon: number, range: ValidRange): Box {
  return tf.tidy(() => ({
    lower: tf.maximum(tf.minimum(x, range.lo), tf.sub(x, epsilon)),
    upper: tf.minimum(tf.maximum(x, range.hi), tf.add(x, epsilon)),
  }));
}

/** Projects `candidate` onto the box. */
export function project(candidate: tf.Tensor, box: Box): tf.Tensor {
  return tf.tidy(() => tf.minimum(tf.maximum(candidate, box.lower), box.upper));
}

/** ‖x′ − x‖∞ per example: `[batch]`. */
export function linfPerExample(x: tf.Tensor, adversarial: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(adversarial, x)).reshape([x.shape[0] ?? 1, -1]), 1));
}

/**
 * The adversarial values read back, moved toward x by single float32 steps wherever |x′ − x| > ε in exact
 * arithmetic. x ± ε is rounded to float32 in the box above, so a value can land one ulp outside the ε-ball
 * (0.3 + 0.1 gives a δ of 0.10000002); reported examples keep ‖δ‖∞ ≤ ε exactly. Returns how many values moved.
 */
export function tightenToEpsilon(x: Float32Array, adversarial: Float32Array, epsilon: number): number {
  let moved = 0;
  for (let i = 0; i < adversarial.length; i++) {
    const origin = x[i] ?? 0;
    let value = adversarial[i] ?? 0;
    if (Math.abs(value - origin) <= epsilon) continue;
    while (Math.abs(value - origin) > epsilon && value !== origin) value = float32Toward(value, origin);
    adversarial[i] = value;
    moved++;
  }
  return moved;
}

const bits = new Float32Array(1);
const bitsAsInt = new Int32Array(bits.buffer);

/** The next float32 after `from` in the direction of `to`. */
function float32Toward(from: number, to: number): number {
  if (from === to) return to;
  if (from === 0) return to > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  bits[0] = from;
  // For positive floats the integer bits grow with the value; for negative ones they grow with its magnitude.
  bitsAsInt[0] = (bitsAsInt[0] ?? 0) + ((to > from) === (from > 0) ? 1 : -1);
  return bits[0] ?? to;
}
