// The course's worked examples, on every backend available here (cpu, wasm; webgpu when enabled).
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { TESTED_BACKENDS, assertAllClose, useBackend, valuesOf } from './helpers';

const TOLERANCE = 1e-5;

for (const backendName of TESTED_BACKENDS) {
  test(`${backendName}: 5×5 input cross-correlated with a 3×3 kernel (valid, stride 1)`, async () => {
    await useBackend(backendName);
    const [output] = await valuesOf(() => {
      const input = tf.tensor2d([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]);
      const kernel = tf.tensor2d([[0, 1, 2], [2, 2, 0], [0, 1, 2]]);
      // [batch, h, w, c] input and [fh, fw, cIn, cOut] filter.
      return [tf.conv2d(input.reshape<tf.Tensor4D>([1, 5, 5, 1]), kernel.reshape<tf.Tensor4D>([3, 3, 1, 1]), 1, 'valid')];
    });
    assertAllClose(output ?? [], [12, 12, 17, 10, 17, 19, 9, 6, 14], TOLERANCE, 'conv2d');
  });

  test(`${backendName}: 2×2 max-pool with stride 2`, async () => {
    await useBackend(backendName);
    const [output] = await valuesOf(() => {
      const input = tf.tensor2d([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]);
      return [tf.maxPool(input.reshape<tf.Tensor4D>([1, 4, 4, 1]), 2, 2, 'valid')];
    });
    assertAllClose(output ?? [], [6, 8, 3, 4], TOLERANCE, 'maxPool');
  });

  test(`${backendName}: categorical cross-entropy of probabilities`, async () => {
    await useBackend(backendName);
    // Sample 1: true class 1 predicted with p = 0.7 → −ln 0.7; sample 2: true class 0 with p = 0.5 → −ln 0.5.
    const [perSample, mean] = await valuesOf(() => {
      const labels = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
      const predictions = tf.tensor2d([[0.2, 0.7, 0.1], [0.5, 0.3, 0.2]]);
      const losses = tf.metrics.categoricalCrossentropy(labels, predictions);
      return [losses, losses.mean()];
    });
    assertAllClose(perSample ?? [], [0.35667494, 0.69314718], TOLERANCE, 'cross-entropy per sample');
    assertAllClose(mean ?? [], [(0.35667494 + 0.69314718) / 2], TOLERANCE, 'cross-entropy mean');
  });

  test(`${backendName}: mean squared error`, async () => {
    await useBackend(backendName);
    // ((1 − 1.5)² + (2 − 2)² + (3 − 2)²) / 3 = (0.25 + 0 + 1) / 3
    const [mse] = await valuesOf(() => [tf.losses.meanSquaredError(tf.tensor1d([1, 2, 3]), tf.tensor1d([1.5, 2, 2]))]);
    assertAllClose(mse ?? [], [1.25 / 3], TOLERANCE, 'mse');
  });
}
