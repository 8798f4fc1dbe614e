// The wasm Tile fix (block copies in the backend's memory) against the stock cpu kernel: ranks 1 to 4, reps of 1 in
// any dimension, float32, int32 and bool, and batch normalisation's gradient, which tiles a per-channel vector.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Tile } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

const cases: ReadonlyArray<{ shape: number[]; reps: number[]; dtype?: 'int32' | 'bool' }> = [
  { shape: [5], reps: [3] },
  { shape: [2, 3], reps: [4, 1] },
  { shape: [2, 3], reps: [1, 5] },
  { shape: [3, 1, 2], reps: [2, 7, 3] },
  { shape: [1, 1, 1, 6], reps: [4, 5, 7, 1] },
  { shape: [2, 3, 1, 4], reps: [3, 1, 5, 2], dtype: 'int32' },
  { shape: [2, 2], reps: [3, 2], dtype: 'bool' },
  { shape: [0, 3], reps: [2, 2] },
];

test('wasm replaces Tile', async () => {
  await useBackend('wasm');
  assert.ok(appliedKernelFixes('wasm').includes(Tile));
});

for (const c of cases) {
  const label = `tile ${c.dtype ?? 'float32'} ${JSON.stringify(c.shape)} by ${JSON.stringify(c.reps)}`;
  test(`${label}: matches the stock cpu kernel`, () =>
    assertMatchesReference(label, () => {
      const size = c.shape.reduce((a, b) => a * b, 1);
      const values = seededValues(size, 51);
      const x = c.dtype === 'bool' ? tf.tensor(values.map((v) => v > 0 ? 1 : 0), c.shape, 'bool')
        : tf.tensor(c.dtype === 'int32' ? values.map((v) => Math.round(v * 100)) : values, c.shape, c.dtype ?? 'float32');
      const out = tf.tile(x, c.reps);
      x.dispose();
      return [out.dtype === 'bool' ? out.cast('int32') : out];
    }));
}

test('batch normalisation gradients (which tile a per-channel vector) match the stock cpu kernels', () =>
  assertMatchesReference('batchNorm gradients', () => {
    const x = tf.tensor4d(seededValues(3 * 5 * 4 * 6, 52), [3, 5, 4, 6]);
    const mean = tf.tensor1d(seededValues(6, 53));
    const variance = tf.tensor1d(seededValues(6, 54).map((v) => 1 + Math.abs(v)));
    const scale = tf.tensor1d(seededValues(6, 55));
    const offset = tf.tensor1d(seededValues(6, 56));
    const weights = tf.tensor4d(seededValues(3 * 5 * 4 * 6, 57), [3, 5, 4, 6]);
    return tf.grads((a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
      tf.batchNorm(a as tf.Tensor4D, m as tf.Tensor1D, v as tf.Tensor1D, o as tf.Tensor1D, s as tf.Tensor1D, 1e-3).mul(weights).sum())([x, mean, variance, scale, offset]);
  }));
