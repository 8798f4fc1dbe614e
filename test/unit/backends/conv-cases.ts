// A conv2d case and its forward value, input gradient and filter gradient: what the conv kernel-fix tests compare
// with the stock cpu kernels (kernel-fixes.test.ts, and kernel-fixes-im2col.test.ts with the batch split).
import * as tf from '@tensorflow/tfjs';
import { seededValues } from './helpers';
import type { Compute } from './kernel-reference';

export interface ConvCase {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid';
}

export function convGradients(c: ConvCase): Compute {
  return () => {
    const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.x), 1), c.x);
    const filter = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.filter), 2), c.filter);
    const forward = tf.conv2d(x, filter, c.strides, c.pad);
    // A non-uniform upstream gradient, so every dy element matters.
    const weights = tf.tensor(seededValues(forward.size, 3), forward.shape);
    const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad).mul(weights).sum())([x, filter]);
    if (dx === undefined || dFilter === undefined) throw new Error('missing gradient');
    return [forward, dx, dFilter];
  };
}
