// The wasm Sum and Mean fixes (rows added in place for a reduction over leading axes, as bias gradients and batch
// normalisation's moments do) against the stock cpu kernels, with and without keepDims, and the cases they hand back
// to the stock wasm kernels (inner axes, all axes, int32).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Mean, Sum } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

const cases: ReadonlyArray<{ label: string; shape: number[]; axes: number[]; keepDims?: boolean; dtype?: 'int32' }> = [
  { label: 'a conv bias gradient (axes 0, 1, 2)', shape: [4, 5, 6, 3], axes: [0, 1, 2] },
  { label: 'a dense bias gradient (axis 0)', shape: [7, 5], axes: [0] },
  { label: 'axes given out of order, keepDims', shape: [3, 4, 5], axes: [1, 0], keepDims: true },
  { label: 'an inner axis (stock kernel)', shape: [3, 4, 5], axes: [1] },
  { label: 'all axes (stock kernel)', shape: [3, 4], axes: [0, 1] },
  { label: 'int32 (stock kernel)', shape: [6, 2], axes: [0], dtype: 'int32' },
];

test('wasm replaces Sum and Mean', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(Sum));
  assert.ok(appliedKernelFixes('wasm').includes(Mean));
});

for (const c of cases) {
  test(`Sum and Mean over ${c.label}: match the stock cpu kernels`, () =>
    assertMatchesReference(`sum and mean ${c.label}`, () => {
      const size = c.shape.reduce((a, b) => a * b, 1);
      const values = c.dtype === 'int32' ? seededValues(size, 31).map((v) => Math.round(v * 10)) : seededValues(size, 31);
      const x = tf.tensor(values, c.shape, c.dtype ?? 'float32');
      const out = [tf.sum(x, c.axes, c.keepDims ?? false), tf.mean(x, c.axes, c.keepDims ?? false)];
      x.dispose();
      return out;
    }));
}
