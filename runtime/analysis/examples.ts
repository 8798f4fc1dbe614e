// The Inspector's thumbnail grid: a page of validation examples with their image, true and predicted label and
// confidence; optionally only the misclassified ones (then `start` counts within those).
import * as tf from '@tensorflow/tfjs';
import type { ExampleSummary, ExamplesParams, ExamplesResult } from '../protocol';
import { CancellationToken } from '../ipc/cancellation';
import { validationPredictions } from './predictions';
import type { AnalysisSession } from './session';

/** Largest page the runtime answers at once (thumbnails are small, but a page must stay quick). */
export const MAX_EXAMPLES_PAGE = 256;

export async function examples(
  session: AnalysisSession, params: Omit<ExamplesParams, 'sessionId'>, token: CancellationToken = CancellationToken.none,
): Promise<ExamplesResult> {
  const { start, count } = params;
  if (!Number.isInteger(start) || start < 0) throw new Error(`start must be a whole number ≥ 0, got ${start}`);
  if (!Number.isInteger(count) || count < 0 || count > MAX_EXAMPLES_PAGE) {
    throw new Error(`count must be a whole number from 0 to ${MAX_EXAMPLES_PAGE}, got ${count}`);
  }
  const predictions = session.task === 'classification' ? await validationPredictions(session, token) : undefined;
  if (params.misclassifiedOnly && !predictions) throw new Error(`"misclassified only" needs a classification run; this one is ${session.task}`);
  const candidates = params.misclassifiedOnly && predictions
    ? Array.from(predictions.labels.keys()).filter((i) => predictions.labels[i] !== predictions.predicted[i])
    : undefined;
  const total = candidates ? candidates.length : session.dataset.validation.size;
  const indices = Array.from({ length: Math.max(0, Math.min(count, total - start)) }, (_, k) => candidates ? (candidates[start + k] ?? 0) : start + k);
  const result: ExampleSummary[] = [];
  for (const index of indices) {
    token.throwIfCancelled();
    session.assertOpen();
    const x = tf.tidy(() => session.dataset.validation.xs.slice(index, 1).reshape([...session.inputShape]));
    try {
      result.push({
        index,
        input: { shape: [...session.inputShape], data: await x.data<'float32'>() },
        label: predictions ? (predictions.labels[index] ?? null) : null,
        predicted: predictions ? (predictions.predicted[index] ?? null) : null,
        confidence: predictions ? (predictions.confidence[index] ?? null) : null,
      });
    } finally {
      x.dispose();
    }
  }
  return { total, examples: result };
}
