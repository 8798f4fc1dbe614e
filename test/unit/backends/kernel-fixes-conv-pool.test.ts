// The conv2d input-gradient and max-pool-gradient replacements (wasm Conv2DBackpropInput as one conv2d;
// MaxPoolGrad in one pass on cpu and wasm) checked against the stock cpu kernels, on forward values and
// gradients, over strides 1–3, same/valid/numeric/explicit padding, odd sizes, overlapping windows and ties.
// (tfjs has no conv2d gradient for dilations > 1, so there is no dilated case to check.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Conv2DBackpropInput, MaxPoolGrad } from '@tensorflow/tfjs';
import { appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { assertMatchesReference } from './kernel-reference';

type Shape4D = [number, number, number, number];
type ConvPad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

test('wasm replaces Conv2DBackpropInput and MaxPoolGrad; cpu replaces MaxPoolGrad', async () => {
  await useBackend('wasm');
  await useBackend('cpu');
  assert.ok(appliedKernelFixes('wasm').includes(Conv2DBackpropInput));
  assert.ok(appliedKernelFixes('wasm').includes(MaxPoolGrad));
  assert.ok(appliedKernelFixes('cpu').includes(MaxPoolGrad));
});

interface TransposeCase {
  readonly x: Shape4D;
  readonly filter: Shape4D;
  readonly strides: number | [number, number];
  readonly pad: ConvPad;
}

// Each case is a forward conv2d whose input gradient (Conv2DBackpropInput) is checked; the 1×1 stride-2 same
// case makes the zero-spread dy taller than needed (the surplus output rows are cropped).
const inputGradientCases: readonly TransposeCase[] = [
  { x: [2, 12, 12, 6], filter: [5, 5, 6, 16], strides: 1, pad: 'valid' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
  { x: [2, 9, 9, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { x: [3, 9, 8, 2], filter: [4, 3, 2, 5], strides: [2, 3], pad: 'same' },
  { x: [1, 11, 10, 1], filter: [5, 5, 1, 6], strides: 3, pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [1, 1, 3, 2], strides: 2, pad: 'same' },
  { x: [2, 6, 6, 2], filter: [2, 2, 2, 3], strides: 2, pad: 'same' },
  { x: [2, 7, 6, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
  { x: [2, 7, 6, 2], filter: [3, 3, 2, 3], strides: 2, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
];

for (const c of inputGradientCases) {
  const label = `conv2d dx x${JSON.stringify(c.x)} filter${JSON.stringify(c.filter)} stride ${JSON.stringify(c.strides)} pad ${JSON.stringify(c.pad)}`;
  test(`${label}: matches the stock cpu kernel`, () =>
    assertMatchesReference(label, () => {
      const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.x), 21), c.x);
      const filter = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.filter), 22), c.filter);
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor4D => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
      const forward = f(x, filter);
      const weights = tf.tensor(seededValues(forward.size, 23), forward.shape);
      const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b).mul(weights).sum())([x, filter]);
      if (dx === undefined || dFilter === undefined) throw new Error('missing gradient');
      return [forward, dx, dFilter];
    }));
}

test('conv2dTranspose (stride 3, valid, odd output) forward and gradients match the stock cpu kernel', () =>
  assertMatchesReference('conv2dTranspose stride 3', () => {
    const x = tf.tensor4d(seededValues(2 * 3 * 4 * 3, 24), [2, 3, 4, 3]);
    const filter = tf.tensor4d(seededValues(4 * 5 * 2 * 3, 25), [4, 5, 2, 3]);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor4D =>
      tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 10, 14, 2], 3, 'valid');
    const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b).square().sum())([x, filter]);
    if (dx === undefined || dFilter === undefined) throw new Error('missing gradient');
    return [f(x, filter), dx, dFilter];
  }));

interface PoolCase {
  readonly x: Shape4D;
  readonly pool: number | [number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number;
  /** Values drawn from {−1, 0, 1} (many ties inside a window) instead of distinct ones. */
  readonly ties?: boolean;
}

const poolCases: readonly PoolCase[] = [
  { x: [2, 8, 8, 3], pool: 2, strides: 2, pad: 'valid' },
  { x: [2, 8, 8, 3], pool: 2, strides: 2, pad: 'valid', ties: true },
  { x: [2, 7, 9, 2], pool: 2, strides: 2, pad: 'same' },
  { x: [2, 7, 9, 2], pool: 2, strides: 2, pad: 'valid', ties: true },
  { x: [1, 9, 9, 4], pool: 3, strides: 2, pad: 'same', ties: true },
  { x: [1, 9, 9, 4], pool: 3, strides: 2, pad: 'same' },
  { x: [2, 6, 7, 1], pool: 3, strides: 1, pad: 'valid', ties: true },
  { x: [2, 8, 9, 3], pool: [2, 3], strides: [1, 2], pad: 'same', ties: true },
  { x: [1, 10, 10, 2], pool: 2, strides: 3, pad: 'valid' },
  { x: [2, 7, 7, 2], pool: 3, strides: 2, pad: 1, ties: true },
  // ≥ 4 channels: the wasm kernel's SIMD path (groups of four, and a last group for the rest).
  { x: [2, 8, 8, 6], pool: 2, strides: 2, pad: 'valid', ties: true },
  { x: [2, 7, 9, 5], pool: 3, strides: 2, pad: 'same', ties: true },
  { x: [1, 6, 6, 16], pool: 2, strides: 2, pad: 'valid' },
  { x: [2, 7, 7, 7], pool: 3, strides: 1, pad: 1, ties: true },
];

for (const c of poolCases) {
  const label = `maxPool x${JSON.stringify(c.x)} pool ${JSON.stringify(c.pool)} stride ${JSON.stringify(c.strides)} ${JSON.stringify(c.pad)}${c.ties === true ? ' with ties' : ''}`;
  test(`${label}: forward and gradient match the stock cpu kernel`, () =>
    assertMatchesReference(label, () => {
      const seeded = seededValues(tf.util.sizeFromShape(c.x), 31);
      const x = tf.tensor4d(c.ties === true ? seeded.map((v) => Math.round(v)) : seeded, c.x);
      const f = (a: tf.Tensor): tf.Tensor4D => tf.maxPool(a as tf.Tensor4D, c.pool, c.strides, c.pad);
      const forward = f(x);
      const weights = tf.tensor(seededValues(forward.size, 32), forward.shape);
      const [dx] = tf.grads((a: tf.Tensor) => f(a).mul(weights).sum())([x]);
      if (dx === undefined) throw new Error('missing gradient');
      return [forward, dx];
    }));
}

for (const channels of [2, 6]) {
  test(`maxPool gradient of windows that hold only −∞ is zero, as in the stock cpu kernel (${channels} channels)`, () =>
    assertMatchesReference('maxPool −∞ windows', () => {
      const rowFloats = 4 * channels;
      // The first two rows of each image are −∞, so the top windows hold only −∞.
      const values = seededValues(2 * 4 * 4 * channels, 33).map((v, i) => (i % (4 * rowFloats) < 2 * rowFloats ? Number.NEGATIVE_INFINITY : v));
      const x = tf.tensor4d(values, [2, 4, 4, channels]);
      const [dx] = tf.grads((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid').sum())([x]);
      if (dx === undefined) throw new Error('missing gradient');
      return [dx];
    }));
}
