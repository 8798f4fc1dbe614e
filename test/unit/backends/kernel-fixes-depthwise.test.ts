// wasm's depthwise-conv gradients (DepthwiseConv2dNativeBackpropInput/Filter as one depthwise conv2d each)
// checked against the stock cpu kernels, on forward values and both gradients, over channel multipliers 1–3,
// strides 1–3, same/valid/numeric padding and odd sizes. (tfjs has no depthwise gradient for dilations > 1.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

type Shape4D = [number, number, number, number];

test('wasm gets both depthwise-conv gradient kernels', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(DepthwiseConv2dNativeBackpropInput));
  assert.ok(appliedKernelFixes('wasm').includes(DepthwiseConv2dNativeBackpropFilter));
});

interface DepthwiseCase {
  readonly x: Shape4D;
  /** [fh, fw, channels, multiplier] */
  readonly filter: Shape4D;
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number;
}

const depthwiseCases: readonly DepthwiseCase[] = [
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 2], strides: 1, pad: 'valid' },
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { x: [2, 9, 9, 2], filter: [3, 3, 2, 1], strides: 2, pad: 'valid' },
  { x: [3, 9, 8, 4], filter: [4, 3, 4, 2], strides: [2, 1], pad: 'same' },
  { x: [1, 11, 10, 1], filter: [5, 5, 1, 2], strides: 3, pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [1, 1, 3, 1], strides: 2, pad: 'same' },
  { x: [2, 6, 7, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
];

for (const c of depthwiseCases) {
  const label = `depthwiseConv2d x${JSON.stringify(c.x)} filter${JSON.stringify(c.filter)} stride ${JSON.stringify(c.strides)} pad ${JSON.stringify(c.pad)}`;
  test(`${label}: forward, dx and dFilter match the stock cpu kernels`, () =>
    assertMatchesReference(label, () => {
      const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.x), 41), c.x);
      const filter = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.filter), 42), c.filter);
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor4D =>
        tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
      const forward = f(x, filter);
      const weights = tf.tensor(seededValues(forward.size, 43), forward.shape);
      const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b).mul(weights).sum())([x, filter]);
      if (dx === undefined || dFilter === undefined) throw new Error('missing gradient');
      return [forward, dx, dFilter];
    }));
}
