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
