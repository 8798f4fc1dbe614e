// Each kernel fix is checked against the stock cpu kernel (fixes removed) on forward values and gradients.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BatchMatMul, Conv2DBackpropFilter, MaxPoolGrad, UnsortedSegmentSum, getKernel } from '@tensorflow/tfjs';
import { applyKernelFixes, appliedKernelFixes } from '../../../runtime/backends';
import { seededValues, useBackend } from './helpers';
import { convGradients, type ConvCase } from './conv-cases';
import { assertMatchesReference } from './kernel-reference';

const convCases: readonly ConvCase[] = [
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
  { x: [2, 8, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { x: [3, 9, 8, 2], filter: [4, 3, 2, 5], strides: [2, 3], pad: 'same' },
  { x: [1, 11, 10, 1], filter: [5, 5, 1, 6], strides: 3, pad: 'valid' },
  { x: [4, 6, 5, 3], filter: [1, 1, 3, 2], strides: 2, pad: 'same' },
  { x: [2, 5, 5, 1], filter: [5, 5, 1, 3], strides: 1, pad: 'valid' },
];

test('wasm and cpu get Conv2DBackpropFilter and the wasm BatchMatMul wrapper', async () => {
  await useBackend('wasm');
  await useBackend('cpu');
  assert.ok(getKernel(Conv2DBackpropFilter, 'wasm'), 'wasm has a Conv2DBackpropFilter kernel');
  assert.ok(getKernel(UnsortedSegmentSum, 'wasm'), 'wasm has an UnsortedSegmentSum kernel');
  assert.ok(appliedKernelFixes('wasm').includes(BatchMatMul));
  assert.deepEqual(appliedKernelFixes('cpu'), [Conv2DBackpropFilter, MaxPoolGrad]);
  assert.deepEqual(applyKernelFixes('cpu'), [], 'applying twice registers nothing');
});

for (const c of convCases) {
  const label = `conv2d x${JSON.stringify(c.x)} filter${JSON.stringify(c.filter)} stride ${JSON.stringify(c.strides)} ${c.pad}`;
  test(`${label}: forward, dx and dFilter match the stock cpu kernel`, () => assertMatchesReference(label, convGradients(c)));
}

test('conv2dTranspose (stride 2, same) gradients match the stock cpu kernel', () =>
  assertMatchesReference('conv2dTranspose', () => {
    const x = tf.tensor4d(seededValues(2 * 4 * 4 * 3, 4), [2, 4, 4, 3]);
    const filter = tf.tensor4d(seededValues(3 * 3 * 5 * 3, 5), [3, 3, 5, 3]);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 8, 8, 5], 2, 'same').square().sum();
    const [dx, dFilter] = tf.grads(f)([x, filter]);
    if (dx === undefined || dFilter === undefined) throw new Error('missing gradient');
    return [dx, dFilter];
  }));

const transposeCombos = [[false, false], [true, false], [false, true], [true, true]] as const;
const matMulShapes: ReadonlyArray<{ readonly a: number[]; readonly b: number[]; readonly batch: number[] }> = [
  { a: [3, 4], b: [4, 5], batch: [] },
  { a: [2, 3, 4], b: [2, 4, 5], batch: [2] },
  { a: [2, 2, 3, 4], b: [2, 2, 4, 5], batch: [2, 2] },
];

/** Stored shape of an operand whose logical (untransposed) shape is `shape`. */
function stored(shape: readonly number[], transposed: boolean): number[] {
  if (!transposed) return [...shape];
  const swapped = [...shape];
  [swapped[swapped.length - 2], swapped[swapped.length - 1]] = [shape[shape.length - 1] ?? 0, shape[shape.length - 2] ?? 0];
  return swapped;
}

for (const { a: aShape, b: bShape, batch } of matMulShapes) {
  for (const [transposeA, transposeB] of transposeCombos) {
    const label = `matMul a${JSON.stringify(aShape)} b${JSON.stringify(bShape)} transposeA=${transposeA} transposeB=${transposeB}`;
    test(`${label}: product and gradients match the stock cpu kernel`, () =>
      assertMatchesReference(label, () => {
        const a = tf.tensor(seededValues(tf.util.sizeFromShape(aShape), 6), stored(aShape, transposeA));
        const b = tf.tensor(seededValues(tf.util.sizeFromShape(bShape), 7), stored(bShape, transposeB));
        const weights = tf.tensor(seededValues(tf.util.sizeFromShape([...batch, 3, 5]), 8), [...batch, 3, 5]);
        const product = tf.matMul(a, b, transposeA, transposeB);
        const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, transposeA, transposeB).mul(weights).sum())([a, b]);
        if (da === undefined || db === undefined) throw new Error('missing gradient');
        return [product, da, db];
      }));
  }
}

test('dense layer variable gradients (fused matMul + bias + relu) match the stock cpu kernels', () =>
  assertMatchesReference('dense variableGrads', () => {
    const x = tf.tensor2d(seededValues(6 * 7, 9), [6, 7]);
    const kernel = tf.variable(tf.tensor2d(seededValues(7 * 4, 10), [7, 4]), true, 'kernel');
    const bias = tf.variable(tf.tensor1d(seededValues(4, 11)), true, 'bias');
    const { value, grads } = tf.variableGrads(() =>
      tf.fused.matMul({ a: x, b: kernel, bias, activation: 'relu' }).square().sum<tf.Scalar>(), [kernel, bias]);
    const out = [value, grads['kernel'], grads['bias']].map((t) => (t === undefined ? tf.scalar(Number.NaN) : t.clone()));
    kernel.dispose();
    bias.dispose();
    return out;
  }));

test('depthwise and separable conv2d gradients (cpu-delegated on wasm) match the stock cpu kernel', () =>
  assertMatchesReference('separableConv2d', () => {
    const x = tf.tensor4d(seededValues(2 * 7 * 7 * 3, 12), [2, 7, 7, 3]);
    const depthwise = tf.tensor4d(seededValues(3 * 3 * 3 * 2, 13), [3, 3, 3, 2]);
    const pointwise = tf.tensor4d(seededValues(6 * 4, 14), [1, 1, 6, 4]);
    const f = (a: tf.Tensor, d: tf.Tensor, p: tf.Tensor): tf.Tensor =>
      tf.separableConv2d(a as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, 2, 'same').square().sum();
    return tf.grads(f)([x, depthwise, pointwise]);
  }));

test('gather (embedding) gradient via UnsortedSegmentSum matches the stock cpu kernel', () =>
  assertMatchesReference('gather', () => {
    const table = tf.tensor2d(seededValues(10 * 4, 15), [10, 4]);
    const indices = tf.tensor1d([3, 1, 3, 9, 0, 3], 'int32');
    const [dTable] = tf.grads((t: tf.Tensor) => tf.gather(t, indices).square().sum())([table]);
    if (dTable === undefined) throw new Error('missing gradient');
    return [dTable];
  }));
