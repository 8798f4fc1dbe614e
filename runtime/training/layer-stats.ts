// Per-layer statistics on one batch, for hover and the training doctor: activation mean/std, zero fraction and
// dead-unit fraction, weight and gradient norms.
import * as tf from '@tensorflow/tfjs';
import type { LayerStats } from '../runs';
import type { BuiltModel } from './build-model';

/** Numbers per layer in the statistics table. */
const COLUMNS = 6;

/** Trainable variables of a layer (LayerVariable.read() returns the tf.Variable itself). */
function trainableVariables(layer: tf.layers.Layer): tf.Variable[] {
  return layer.trainableWeights.map((w) => w.read()).filter((v): v is tf.Variable => v instanceof tf.Variable);
}

/**
 * Statistics of every layer in the model on `xs` `[batch, ...input]` with targets `ys` `[batch, ...output]`.
 * Runs in inference mode (dropout off, batch normalisation on moving statistics).
 */
export async function computeLayerStats(built: BuiltModel, xs: tf.Tensor, ys: tf.Tensor): Promise<LayerStats[]> {
  const layers = built.layers.filter((l) => l.inModel);
  const { model } = built;
  const lossFunction = model.lossFunctions[0];
  if (!lossFunction) throw new Error('computeLayerStats needs a compiled model');
  // [layers, COLUMNS]: activation mean, std, zero fraction, weight norm, gradient norm, dead-unit fraction.
  const table = tf.tidy(() => {
    const outputs = model.execute(xs, layers.map((l) => l.output.name));
    const activations = Array.isArray(outputs) ? outputs : [outputs];
    const variables = layers.map((l) => trainableVariables(l.layer));
    const { grads } = tf.variableGrads(() => {
      const predicted = model.apply(xs, { training: false });
      if (!(predicted instanceof tf.Tensor)) throw new Error('the model has more than one output');
      return tf.mean<tf.Scalar>(lossFunction(ys, predicted));
    }, variables.flat());
    const norm = (tensors: tf.Tensor[]): tf.Tensor =>
      tensors.length === 0 ? tf.scalar(0) : tf.sqrt(tf.addN(tensors.map((t) => tf.sum(tf.square(t)))));
    const rows = layers.map((_, i) => {
      const activation = activations[i];
      if (!activation) throw new Error(`no activation for layer ${i}`);
      const { mean, variance } = tf.moments(activation);
      const isZero = tf.equal(activation, 0);
      const zeros = tf.mean(tf.cast(isZero, 'float32'));
      // A unit (last axis: a dense unit or a channel) is dead when it is 0 for every example and position.
      const units = activation.shape[activation.shape.length - 1] ?? 1;
      const dead = tf.mean(tf.cast(tf.all(tf.reshape(isZero, [-1, units]), 0), 'float32'));
      const own = variables[i] ?? [];
      const gradients = own.map((v) => grads[v.name]).filter((g): g is tf.Tensor => g !== undefined);
      return tf.stack([mean, tf.sqrt(variance), zeros, norm(own), norm(gradients), dead]);
    });
    return tf.stack(rows);
  });
  try {
    const values = await table.data();
    return layers.map((layer, i) => ({
      id: layer.id,
      activationMean: values[i * COLUMNS] ?? 0,
      activationStd: values[i * COLUMNS + 1] ?? 0,
      zeroFraction: values[i * COLUMNS + 2] ?? 0,
      weightNorm: values[i * COLUMNS + 3] ?? 0,
      gradientNorm: values[i * COLUMNS + 4] ?? 0,
      deadFraction: values[i * COLUMNS + 5] ?? 0,
    }));
  } finally {
    table.dispose();
  }
}
