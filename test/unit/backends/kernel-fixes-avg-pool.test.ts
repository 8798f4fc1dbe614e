// The wasm AvgPoolGrad fix (strided adds of the scaled dy) against the stock cpu kernel: non-overlapping and
// overlapping windows, valid, same and explicit padding (windows clipped at the border still divide by the full
// filter area, as tfjs's kernels do), 1 to 6 channels, and the LeNet sample's shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { AvgPoolGrad } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

type Shape4D = [number, number, number, number];

const cases: ReadonlyArray<{ x: Shape4D; pool: number | [number, number]; strides: number | [number, number]; pad: 'same' | 'valid' | number }> = [
  { x: [4, 28, 28, 6], pool: 2, strides: 2, pad: 'valid' },
  { x: [2, 7, 9, 2], pool: 2, strides: 2, pad: 'same' },
  { x: [2, 7, 9, 3], pool: 2, strides: 2, pad: 'valid' },
  { x: [1, 9, 9, 4], pool: 3, strides: 2, pad: 'same' },
  { x: [2, 6, 7, 1], pool: 3, strides: 1, pad: 'valid' },
  { x: [2, 8, 9, 5], pool: [2, 3], strides: [1, 2], pad: 'same' },
  { x: [2, 7, 7, 2], pool: 3, strides: 2, pad: 1 },
];

test('wasm replaces AvgPoolGrad', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(AvgPoolGrad));
});

for (const c of cases) {
  const label = `avgPool x${JSON.stringify(c.x)} pool ${JSON.stringify(c.pool)} stride ${JSON.stringify(c.strides)} ${JSON.stringify(c.pad)}`;
  test(`${label}: forward and gradient match the stock cpu kernel`, () =>
    assertMatchesReference(label, () => {
      const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.x), 41), c.x);
      const f = (a: tf.Tensor): tf.Tensor4D => tf.avgPool(a as tf.Tensor4D, c.pool, c.strides, c.pad);
      const forward = f(x);
      // A non-uniform upstream gradient, so every dy element matters.
      const weights = tf.tensor(seededValues(forward.size, 42), forward.shape);
      const [dx] = tf.grads((a: tf.Tensor) => f(a).mul(weights).sum())([x]);
      if (dx === undefined) throw new Error('missing gradient');
      return [forward, dx];
    }));
}
