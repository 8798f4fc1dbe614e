// What an analysis runs on: validation example N of the session's run (its true label too), or a tensor given
// as-is after a shape check. The result is the batch of one that is fed to the model plus exactly its values.
import * as tf from '@tensorflow/tfjs';
import { formatShape } from '../language';
import type { AnalysisInput, TensorData } from '../protocol';
import type { AnalysisSession } from './session';

export interface ResolvedInput {
  /** `[1, ...inputShape]`; the caller disposes it. */
  readonly x: tf.Tensor;
  /** Exactly the values fed in, without the batch dimension (row-major, HWC for images). */
  readonly tensor: TensorData;
  /** The example's true class for `{ example }` inputs of a classification run, else null. */
  readonly label: number | null;
}

export async function resolveInput(session: AnalysisSession, input: AnalysisInput): Promise<ResolvedInput> {
  session.assertOpen();
  if ('example' in input) {
    const index = validationIndex(session, input.example);
    const x = validationRows(session.dataset.validation.xs, [index]);
    try {
      const data = await x.data<'float32'>();
      const label = await trueLabel(session, index);
      return { x, tensor: { shape: [...session.inputShape], data }, label };
    } catch (error) {
      x.dispose();
      throw error;
    }
  }
  const tensor = checkTensorShape(input.tensor, session.inputShape);
  return { x: tf.tensor(tensor.data, [1, ...tensor.shape], 'float32'), tensor, label: null };
}

/** Checks a tensor against the model input; throws one line naming expected and got. */
export function checkTensorShape(tensor: TensorData, inputShape: readonly number[]): TensorData {
  const shape = [...tensor.shape];
  const same = shape.length === inputShape.length && shape.every((d, i) => d === inputShape[i]);
  if (!same) throw new Error(`input shape ${formatShape(shape)} does not match the model's input ${formatShape(inputShape)}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== size) {
    throw new Error(`input data holds ${tensor.data.length} values, but shape ${formatShape(shape)} needs ${size}`);
  }
  const data = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data);
  return { shape, data };
}

/** Throws unless 0 ≤ n < number of validation examples. */
export function validationIndex(session: AnalysisSession, n: number): number {
  const count = session.dataset.validation.size;
  if (!Number.isInteger(n) || n < 0 || n >= count) {
    throw new Error(count === 0
      ? 'this run has no validation examples (validationSplit is 0); pass an input instead'
      : `example ${n} is out of range: the run has ${count} validation examples (0 to ${count - 1})`);
  }
  return n;
}

/** The true class of validation example `index` (classification), else null. */
export async function trueLabel(session: AnalysisSession, index: number): Promise<number | null> {
  if (session.task !== 'classification') return null;
  const row = tf.tidy(() => tf.argMax(validationRows(session.dataset.validation.ys, [index]), -1));
  try {
    return (await row.data())[0] ?? null;
  } finally {
    row.dispose();
  }
}

/**
 * Rows `indices` of a dataset tensor `[n, ...]` as a new tensor `[indices.length, ...]`; the caller disposes it.
 * A gather, not a slice: the wasm backend's slice kernel first copies the whole source tensor out of wasm memory
 * (readSync of every validation example, megabytes per request), while its gather reads only the indices.
 */
export function validationRows(source: tf.Tensor, indices: readonly number[]): tf.Tensor {
  return tf.tidy(() => tf.gather(source, tf.tensor1d(Array.from(indices), 'int32')));
}
