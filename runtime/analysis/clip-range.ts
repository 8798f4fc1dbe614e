// The range input values live in, which perturbed inputs (attacks, adversarial training) are clipped to. Its own
// module, free of the session and training imports, so the trainer can use it without an import cycle.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data';

/** Data sources whose examples are images with values in 0..1. */
const IMAGE_SOURCES: ReadonlySet<string> = new Set(['mnist', 'shapes', 'images']);

/** `[0, 1]` for images; otherwise the smallest and largest value of the training inputs (model space). */
export async function clipRangeOf(dataset: Dataset): Promise<[number, number]> {
  if (IMAGE_SOURCES.has(dataset.source) && !dataset.featureScaling) return [0, 1];
  if (dataset.train.size === 0) return [0, 1];
  // Async reads: webgpu's dataSync is unavailable in Node.
  const extremes = tf.tidy(() => tf.stack([tf.min(dataset.train.xs), tf.max(dataset.train.xs)]));
  try {
    const [min = 0, max = 1] = await extremes.data();
    return [min, max];
  } finally {
    extremes.dispose();
  }
}
