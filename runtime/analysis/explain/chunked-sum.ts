// Long gradient loops (SmoothGrad's noisy copies, Integrated Gradients' path points) run in chunks, so memory stays
// bounded and a request can be cancelled between chunks: `between` runs before each chunk and may throw.
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { batchScores } from './class-score';

/** Runs before each chunk of long work; it should yield to the event loop (so a cancel can arrive) and may throw. */
export type Between = () => Promise<void>;

/**
 * Σ over chunks of `term(start, count)` (each a tensor of `shape`), for `start` = 0, chunk, 2·chunk, … < total.
 * Every chunk's intermediates are tidied; the caller owns (and disposes) the returned sum.
 */
export async function sumInChunks(
  shape: readonly number[], total: number, chunk: number, term: (start: number, count: number) => tf.Tensor, between?: Between,
): Promise<tf.Tensor> {
  let sum: tf.Tensor = tf.zeros([...shape]);
  try {
    for (let start = 0; start < total; start += chunk) {
      await between?.();
      const count = Math.min(chunk, total - start);
      const next = tf.tidy(() => tf.add(sum, term(start, count)));
      sum.dispose();
      sum = next;
    }
    return sum;
  } catch (error) {
    sum.dispose();
    throw error;
  }
}

export interface GradientSum {
  /** Number of points k = 0 … total − 1. */
  readonly total: number;
  /** Points per gradient call. */
  readonly chunk: number;
  /** The points `start … start + count − 1` as one batch `[count, ...input]`. */
  readonly points: (start: number, count: number) => tf.Tensor;
  /** Each point's contribution from its gradient `[count, ...input]` (e.g. |g|, or g times a quadrature weight). */
  readonly contribution: (gradients: tf.Tensor, start: number, count: number) => tf.Tensor;
  readonly between?: Between | undefined;
}

/**
 * Σ_k contribution(∇ₓS(p_k)) over the points p_k of `sum`, with S the pre-softmax logit of `classIndex`: the loop
 * SmoothGrad and Integrated Gradients share. `shape` is the input's `[1, H, W, C]`; the caller disposes the result
 * (same shape).
 */
export function sumOfScoreGradients(graph: LayerGraph, classIndex: number, shape: readonly number[], sum: GradientSum): Promise<tf.Tensor> {
  const gradient = tf.grad((batch: tf.Tensor) => tf.sum(batchScores(graph, batch, classIndex)));
  return sumInChunks(shape, sum.total, sum.chunk,
    (start, count) => tf.sum(sum.contribution(gradient(sum.points(start, count)), start, count), 0, true), sum.between);
}

/** A count option (steps, samples): `value` or its default, refused with `needs at least 1 <unit>` unless a whole number ≥ 1. */
export function countOption(value: number | undefined, fallback: number, method: string, unit: string): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < 1) throw new Error(`${method} needs at least 1 ${unit}, got ${count}`);
  return count;
}
