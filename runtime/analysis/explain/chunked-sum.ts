// Long gradient loops (SmoothGrad's noisy copies, Integrated Gradients' path points) run in chunks, so memory stays
// bounded and a request can be cancelled between chunks: `between` runs before each chunk and may throw.
import * as tf from '@tensorflow/tfjs';

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
