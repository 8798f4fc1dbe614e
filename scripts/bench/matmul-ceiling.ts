// A backend's practical FLOP ceiling: tf.matMul of two large square matrices (the best case for every backend's
// GEMM), timed on the active TensorFlow.js backend. 2·n³ FLOPs per product.
// The side starts at 256 and doubles (up to `maxSize`) while one product takes under 0.25 s, so that slow
// backends (cpu: under 1 GFLOP/s) do not spend minutes here and fast ones still get large matrices.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { round3, spread } from './stats';

export interface MatMulCeiling {
  readonly size: number;
  /** GFLOP/s of the timed repetitions (median and spread). */
  readonly gflops: { readonly median: number; readonly min: number; readonly max: number };
}

/** Seconds for one n×n product; `data()` waits for GPU backends to finish. */
async function timeProduct(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const start = performance.now();
  const product = tf.matMul(a, b);
  await product.data();
  const seconds = (performance.now() - start) / 1000;
  product.dispose();
  return seconds;
}

export async function measureMatMulCeiling(maxSize = 1024, repeats = 5): Promise<MatMulCeiling> {
  for (let size = 256; ; size *= 2) {
    const a = tf.randomNormal([size, size], 0, 1, 'float32', 3);
    const b = tf.randomNormal([size, size], 0, 1, 'float32', 4);
    try {
      const first = await timeProduct(a, b);
      if (first < 0.25 && size * 2 <= maxSize) continue;
      const rates: number[] = [];
      for (let i = 0; i < repeats; i++) rates.push((2 * size ** 3) / (await timeProduct(a, b)) / 1e9);
      const summary = spread(rates);
      return { size, gflops: { median: round3(summary.median), min: round3(summary.min), max: round3(summary.max) } };
    } finally {
      tf.dispose([a, b]);
    }
  }
}
