// The wasm Concat and SplitV fixes (one strided copy per piece) against the stock cpu kernels: every axis, two and
// three pieces, an empty piece, int32, and concat's gradient (SplitV) through a channel concatenation as U-Net's skips
// do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Concat, SplitV } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

const concatCases: ReadonlyArray<{ shapes: number[][]; axis: number; dtype?: 'int32' }> = [
  { shapes: [[2, 3, 4, 5], [2, 3, 4, 2]], axis: 3 },
  { shapes: [[2, 3, 4, 5], [2, 3, 1, 5], [2, 3, 2, 5]], axis: 2 },
  { shapes: [[2, 3, 4], [2, 5, 4]], axis: 1 },
  { shapes: [[2, 3], [4, 3]], axis: 0 },
  { shapes: [[3, 2], [3, 0], [3, 4]], axis: -1 },
  { shapes: [[2, 2, 3], [2, 2, 2]], axis: 2, dtype: 'int32' },
];

test('wasm replaces Concat and SplitV', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(Concat));
  assert.ok(appliedKernelFixes('wasm').includes(SplitV));
});

for (const c of concatCases) {
  const label = `concat ${c.dtype ?? 'float32'} ${JSON.stringify(c.shapes)} axis ${c.axis}`;
  test(`${label} and its split back: match the stock cpu kernels`, () =>
    assertMatchesReference(label, () => {
      const pieces = c.shapes.map((shape, i) => {
        const values = seededValues(shape.reduce((a, b) => a * b, 1), 61 + i);
        return tf.tensor(c.dtype === 'int32' ? values.map((v) => Math.round(v * 100)) : values, shape, c.dtype ?? 'float32');
      });
      const joined = tf.concat(pieces, c.axis);
      const axis = c.axis < 0 ? c.axis + (c.shapes[0]?.length ?? 0) : c.axis;
      const split = tf.split(joined, c.shapes.map((s) => s[axis] ?? 0), c.axis);
      tf.dispose(pieces);
      return [joined, ...split];
    }));
}

test('the gradient of a channel concatenation (SplitV) matches the stock cpu kernels', () =>
  assertMatchesReference('concat gradient', () => {
    const a = tf.tensor4d(seededValues(2 * 4 * 4 * 3, 71), [2, 4, 4, 3]);
    const b = tf.tensor4d(seededValues(2 * 4 * 4 * 5, 72), [2, 4, 4, 5]);
    const weights = tf.tensor4d(seededValues(2 * 4 * 4 * 8, 73), [2, 4, 4, 8]);
    return tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.concat([p, q], 3).mul(weights).sum())([a, b]);
  }));
