// Per-layer statistics on one batch, for hover: activation mean/std and zero fraction, weight and gradient norms.
import * as tf from '@tensorflow/tfjs';
import type { LayerStats } from '../runs';
import type { BuiltModel } from './build-model';

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
  // [layers, 5]: activation mean, std, zero fraction, weight norm, gradient norm.
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
      const zeros = tf.mean(tf.cast(tf.equal(activation, 0), 'float32'));
      const own = variables[i] ?? [];
      const gradients = own.map((v) => grads[v.name]).filter((g): g is tf.Tensor => g !== undefined);
      return tf.stack([mean, tf.sqrt(variance), zeros, norm(own), norm(gradients)]);
    });
    return tf.stack(rows);
  });
  try {
    const values = await table.data();
    return layers.map((layer, i) => ({
      id: layer.id,
      activationMean: values[i * 5] ?? 0,
      activationStd: values[i * 5 + 1] ?? 0,
      zeroFraction: values[i * 5 + 2] ?? 0,
      weightNorm: values[i * 5 + 3] ?? 0,
      gradientNorm: values[i * 5 + 4] ?? 0,
    }));
  } finally {
    table.dispose();
  }
}
