// wasm's one-pass Transpose and leading-axes Sum checked against the stock cpu kernels: ranks 1–6, size-1
// axes, merged runs of axes, float32 and int32 for Transpose; leading, innermost and mixed axes (the latter
// two through the stock kernel), keepDims and int32 for Sum. The shape collapsing is also checked directly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Sum, Transpose } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { collapseTranspose } from '../../../runtime/backends/kernels/transpose-one-pass';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

test('wasm replaces Transpose and Sum', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(Transpose));
  assert.ok(appliedKernelFixes('wasm').includes(Sum));
});

test('collapseTranspose drops size-1 axes and merges axes that stay adjacent', () => {
  assert.deepEqual(collapseTranspose([64, 24, 24, 6], [1, 2, 0, 3]), { shape: [64, 576, 6], perm: [1, 0, 2] });
  assert.deepEqual(collapseTranspose([64, 28, 28, 1], [3, 1, 2, 0]), { shape: [64, 784], perm: [1, 0] });
  assert.deepEqual(collapseTranspose([2, 3, 4], [0, 1, 2]), { shape: [24], perm: [0] });
  assert.deepEqual(collapseTranspose([2, 3, 4, 5], [3, 2, 1, 0]), { shape: [2, 3, 4, 5], perm: [3, 2, 1, 0] });
});

const transposeCases: ReadonlyArray<{ readonly shape: number[]; readonly perm: number[] }> = [
  { shape: [7], perm: [0] },
  { shape: [5, 7], perm: [1, 0] },
  { shape: [3, 5, 7], perm: [1, 0, 2] },
  { shape: [3, 5, 7], perm: [2, 0, 1] },
  { shape: [4, 6, 6, 3], perm: [1, 2, 0, 3] },
  { shape: [4, 5, 6, 1], perm: [3, 1, 2, 0] },
  { shape: [2, 3, 4, 5], perm: [3, 2, 1, 0] },
  { shape: [2, 1, 3, 4, 1], perm: [4, 2, 0, 3, 1] },
  { shape: [2, 3, 2, 3, 2, 3], perm: [5, 0, 3, 1, 4, 2] },
  { shape: [2, 3, 4], perm: [0, 1, 2] },
];

for (const { shape, perm } of transposeCases) {
  for (const dtype of ['float32', 'int32'] as const) {
    const label = `transpose ${JSON.stringify(shape)} perm ${JSON.stringify(perm)} ${dtype}`;
    test(`${label}: matches the stock cpu kernel`, () =>
      assertMatchesReference(label, () => {
        const values = seededValues(tf.util.sizeFromShape(shape), 51).map((v) => (dtype === 'int32' ? Math.round(v * 1000) : v));
        return [tf.transpose(tf.tensor(values, shape, dtype), perm)];
      }));
  }
}

const sumCases: ReadonlyArray<{ readonly shape: number[]; readonly axis: number | number[]; readonly keepDims?: boolean; readonly dtype?: 'int32' }> = [
  { shape: [6, 5, 5, 3], axis: [0, 1, 2] },
  { shape: [6, 5, 5, 3], axis: [0, 1, 2], keepDims: true },
  { shape: [9, 4], axis: 0 },
  { shape: [9, 4], axis: [-2] },
  { shape: [3, 4, 5], axis: [1, 0] },
  { shape: [3, 4, 5], axis: [2] },
  { shape: [3, 4, 5], axis: [0, 2] },
  { shape: [3, 4, 5], axis: [0, 1, 2] },
  { shape: [6, 5, 3], axis: [0, 1], dtype: 'int32' },
];

for (const c of sumCases) {
  const label = `sum ${JSON.stringify(c.shape)} axis ${JSON.stringify(c.axis)}${c.keepDims === true ? ' keepDims' : ''}${c.dtype ?? ''}`;
  test(`${label}: matches the stock cpu kernel`, () =>
    assertMatchesReference(label, () => {
      const values = seededValues(tf.util.sizeFromShape(c.shape), 52).map((v) => (c.dtype === 'int32' ? Math.round(v * 1000) : v));
      return [tf.sum(tf.tensor(values, c.shape, c.dtype ?? 'float32'), c.axis, c.keepDims ?? false)];
    }));
}

test('dense and conv bias gradients (sums over leading axes) match the stock cpu kernels', () =>
  assertMatchesReference('bias gradients', () => {
    const x = tf.tensor4d(seededValues(3 * 8 * 8 * 2, 53), [3, 8, 8, 2]);
    const filter = tf.tensor4d(seededValues(3 * 3 * 2 * 4, 54), [3, 3, 2, 4]);
    const bias = tf.tensor1d(seededValues(4, 55));
    const f = (b: tf.Tensor): tf.Tensor =>
      tf.fused.conv2d({ x, filter, bias: b, strides: 1, pad: 'same', activation: 'relu' }).square().sum();
    const [dBias] = tf.grads(f)([bias]);
    if (dBias === undefined) throw new Error('missing gradient');
    return [dBias];
  }));
