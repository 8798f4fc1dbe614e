// The model's class prediction for every validation example, computed in batches and cached per session until its
// weights change (an epoch switch). The Inspector's thumbnail grid and its "misclassified only" filter read it.
import * as tf from '@tensorflow/tfjs';
import { CancellationToken } from '../ipc/cancellation';
import type { AnalysisSession } from './session';

const BATCH = 64;

export interface ValidationPredictions {
  /** True class per validation example. */
  readonly labels: Int32Array;
  /** Predicted class per validation example. */
  readonly predicted: Int32Array;
  /** Probability of the predicted class. */
  readonly confidence: Float32Array;
}

const cache = new WeakMap<AnalysisSession, { readonly generation: number; readonly predictions: ValidationPredictions }>();

/** Classification runs only; throws for other tasks. */
export async function validationPredictions(
  session: AnalysisSession, token: CancellationToken = CancellationToken.none,
): Promise<ValidationPredictions> {
  if (session.task !== 'classification') throw new Error(`predicted labels need a classification run; this one is ${session.task}`);
  const cached = cache.get(session);
  if (cached && cached.generation === session.weightsGeneration) return cached.predictions;
  const generation = session.weightsGeneration;
  const { xs, ys, size } = session.dataset.validation;
  const labels = new Int32Array(size);
  const predicted = new Int32Array(size);
  const confidence = new Float32Array(size);
  for (let start = 0; start < size; start += BATCH) {
    token.throwIfCancelled();
    session.assertOpen();
    const count = Math.min(BATCH, size - start);
    const [label, best, probability] = tf.tidy((): [tf.Tensor, tf.Tensor, tf.Tensor] => {
      const probs = classProbabilities(session, xs.slice(start, count));
      return [tf.argMax(ys.slice(start, count), -1), tf.argMax(probs, -1), tf.max(probs, -1)];
    });
    try {
      labels.set(await label.data(), start);
      predicted.set(await best.data(), start);
      confidence.set(await probability.data(), start);
    } finally {
      tf.dispose([label, best, probability]);
    }
  }
  const predictions = { labels, predicted, confidence };
  if (session.weightsGeneration === generation) cache.set(session, { generation, predictions });
  return predictions;
}

/** `[n, classes]` probabilities; a single sigmoid unit becomes `[1 − p, p]`, linear scores go through softmax. */
export function classProbabilities(session: AnalysisSession, x: tf.Tensor): tf.Tensor {
  const output = session.graph.run(x).output;
  const flat = output.reshape([output.shape[0] ?? 1, -1]);
  if (flat.shape[1] === 1) return tf.concat([tf.sub(1, flat), flat], 1);
  return session.graph.outputActivation === 'linear' ? tf.softmax(flat) : flat;
}
