// The model's outputs on a batch of inputs, read back to the CPU. Inference mode (model.predict), batched like training.
import * as tf from '@tensorflow/tfjs';
import type { PreparedRun } from '../training/prepare';

export interface ModelOutputs {
  /** Row-major `[n, ...outputShape]`. */
  readonly values: Float32Array;
  /** Values per example (the product of the output shape). */
  readonly perExample: number;
}

/** The model's outputs for `xs` (`[n, ...input]`), batched like training, as one flat array `[n, ...output]`. */
export async function predictFlat(prepared: PreparedRun, xs: tf.Tensor): Promise<ModelOutputs> {
  const batchSize = Math.max(1, Math.min(prepared.spec.train.batchSize, xs.shape[0] ?? 1));
  const output = prepared.built.model.predict(xs, { batchSize });
  const tensor = Array.isArray(output) ? output[0] : output;
  try {
    if (!tensor) throw new Error('the model has no output');
    const perExample = tensor.shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);
    return { values: (await tensor.data()) as Float32Array, perExample };
  } finally {
    tf.dispose(output);
  }
}

