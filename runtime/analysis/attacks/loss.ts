// The attack's objective: the model's own training loss of its output w.r.t. the input, in inference mode.
// Categorical cross-entropy follows Keras (and tfjs-layers): probabilities normalised, clipped to [1e-7, 1 − 1e-7],
// then −Σ y·log p. Where the softmax saturates past the clip, the gradient is zero, as in Keras.
import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../../language';
import type { AttackedModel } from './types';

/** Keras's `epsilon()`. */
export const KERAS_EPSILON = 1e-7;

/**
 * Per-example loss `[batch]` of `output` (the model's output, probabilities for softmax/sigmoid heads) against
 * `targets` (one-hot `[batch, classes]`, or `[batch, 1]` for a one-unit sigmoid head).
 */
export function lossPerExample(loss: Loss, targets: tf.Tensor, output: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    switch (loss) {
      case 'categoricalCrossentropy':
      case 'sparseCategoricalCrossentropy': // same value on one-hot targets; attacks always pass one-hot
        return categoricalCrossentropy(targets, output);
      case 'binaryCrossentropy': {
        const p = tf.clipByValue(output, KERAS_EPSILON, 1 - KERAS_EPSILON);
        const terms = tf.add(tf.mul(targets, tf.log(p)), tf.mul(tf.sub(1, targets), tf.log(tf.sub(1, p))));
        return tf.neg(tf.mean(terms, -1));
      }
      case 'meanSquaredError':
        return tf.mean(tf.square(tf.sub(output, targets)), -1);
      case 'meanAbsoluteError':
        return tf.mean(tf.abs(tf.sub(output, targets)), -1);
      default: {
        const unknown: never = loss;
        throw new Error(`unknown loss ${String(unknown)}`);
      }
    }
  });
}

function categoricalCrossentropy(targets: tf.Tensor, output: tf.Tensor): tf.Tensor {
  const normalised = tf.div(output, tf.sum(output, -1, true));
  const p = tf.clipByValue(normalised, KERAS_EPSILON, 1 - KERAS_EPSILON);
  return tf.neg(tf.sum(tf.mul(targets, tf.log(p)), -1));
}

/**
 * ∇ₓ Σ_batch L(f(x), targets): `[batch, ...inputShape]`. Summed over the batch, so each example's gradient is its own
 * (Keras's mean would scale it by 1/batch; the attacks use only its sign).
 */
export function inputGradient(model: AttackedModel, x: tf.Tensor, targets: tf.Tensor): tf.Tensor {
  return inputGradientAndOutput(model, x, targets, false).gradient;
}

/**
 * `inputGradient`, and with `keepOutput` the model's output at `x` `[batch, units]` from the same forward pass (one
 * forward pass less for a caller that also needs the clean prediction). The caller disposes what comes back.
 */
export function inputGradientAndOutput(model: AttackedModel, x: tf.Tensor, targets: tf.Tensor, keepOutput: boolean): { gradient: tf.Tensor; output?: tf.Tensor } {
  let output: tf.Tensor | undefined;
  try {
    const gradient = tf.tidy(() => tf.grad((input: tf.Tensor) => {
      const modelOutput = model.graph.run(input).output;
      // Kept from the gradient's own tidy scopes; the tape's saved tensors are clones, so backprop does not free it.
      if (keepOutput) output = tf.keep(modelOutput);
      return tf.sum(lossPerExample(model.loss, targets, modelOutput));
    })(x));
    return output ? { gradient, output } : { gradient };
  } catch (error) {
    output?.dispose();
    throw error;
  }
}
