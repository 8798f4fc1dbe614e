// Per-layer relevance rules of LRP. Two shapes of rule cover every supported layer:
// - the ε-rule for (affine) linear maps z = f(a): R_a = a ⊙ ∂/∂a Σ(f(a) ⊙ s) with s = R / (z + ε·sign(z)), sign(0) = +1
//   (dense and conv2d on their pre-activation, average pooling, global average pooling, batch normalisation, add,
//   upsampling); with z⁺ the dense/conv weights are clamped at 0 and the bias dropped (Captum's Alpha1_Beta0 with
//   a zero bias; inputs are used as they are, unlike zennit's ZPlus which also splits negative inputs);
// - routing for ops that only select or move values: R_a = ∂/∂a Σ(f(a) ⊙ R) (max pooling and global max pooling,
//   winner-take-all; flatten, reshape, zero padding, concatenate, which split R by position).
// Element-wise activations and dropout (off in inference) pass relevance through unchanged.
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../language';
import type { BuiltModelLayer } from '../../training';

export type LrpRule = 'epsilon' | 'zplus';

/** Layer types LRP has a rule for. */
export const LRP_LAYER_TYPES: ReadonlySet<LayerSpec['type']> = new Set<LayerSpec['type']>([
  'dense', 'conv2d', 'maxPool2d', 'avgPool2d', 'globalAveragePooling2d', 'globalMaxPooling2d', 'flatten', 'reshape',
  'dropout', 'batchNormalization', 'activation', 'add', 'concatenate', 'zeroPadding2d', 'upSampling2d',
]);

/** Stabiliser of the z⁺ denominator (z⁺ ≥ 0 for non-negative inputs; only exact zeros need it). */
const ZPLUS_STABILISER = 1e-9;

type Fn = (inputs: tf.Tensor[]) => tf.Tensor;

/** ε-rule for z = f(inputs): one relevance tensor per input, same shape as it. */
function epsilonRule(f: Fn, inputs: tf.Tensor[], relevance: tf.Tensor, epsilon: number): tf.Tensor[] {
  const z = f(inputs);
  const stabilised = tf.add(z, tf.mul(epsilon, tf.where(tf.greaterEqual(z, 0), tf.onesLike(z), tf.fill(z.shape, -1))));
  const s = tf.div(relevance, stabilised);
  const c = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(a), s)))(inputs);
  return inputs.map((a, i) => tf.mul(a, c[i] as tf.Tensor));
}

/** Routing for selection ops: relevance goes back to the input positions the output took its values from. */
function route(f: Fn, inputs: tf.Tensor[], relevance: tf.Tensor): tf.Tensor[] {
  return tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(a), relevance)))(inputs);
}

/** Dense on the last axis, before its activation: a `[1, …, in]`, kernel `[in, units]` → `[1, …, units]`. */
function denseLinear(a: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor {
  const inDim = a.shape[a.shape.length - 1] ?? 1;
  const flat = tf.matMul(tf.reshape<tf.Rank.R2>(a, [-1, inDim]), kernel);
  const z = tf.reshape(flat, [...a.shape.slice(0, -1), kernel.shape[1] ?? 1]);
  return bias ? tf.add(z, bias) : z;
}

/** Conv2d before its activation: a `[1, h, w, cin]`, kernel `[kh, kw, cin, cout]` → `[1, h', w', cout]`. */
function convLinear(spec: Extract<LayerSpec, { type: 'conv2d' }>, a: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined): tf.Tensor {
  const z = tf.conv2d(a as tf.Tensor4D, kernel as tf.Tensor4D, [spec.stride[0], spec.stride[1]], spec.padding, 'NHWC', [spec.dilation[0], spec.dilation[1]]);
  return bias ? tf.add(z, bias) : z;
}

function applyLayer(layer: tf.layers.Layer, inputs: tf.Tensor[]): tf.Tensor {
  const out = layer.apply(inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs, { training: false });
  if (!(out instanceof tf.Tensor)) throw new Error(`layer '${layer.name}' did not return one tensor`);
  return out;
}

/**
 * Relevance of each input of one layer from the relevance `relevance` at its output (shape of its output; for
 * dense/conv that is also the shape of the pre-activation z, to which it passes unchanged). Caller tidies.
 */
export function propagate(spec: LayerSpec, built: BuiltModelLayer, inputs: tf.Tensor[], relevance: tf.Tensor, rule: LrpRule, epsilon: number): tf.Tensor[] {
  const layer = built.layer;
  const viaLayer: Fn = (a) => applyLayer(layer, a);
  switch (spec.type) {
    case 'dense':
    case 'conv2d': {
      const [kernel, bias] = layer.getWeights();
      if (!kernel) throw new Error(`layer '${spec.id}' has no weights`);
      const linear = (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor | undefined): tf.Tensor =>
        spec.type === 'dense' ? denseLinear(a, k, b) : convLinear(spec, a, k, b);
      if (rule === 'zplus') {
        const positive = tf.relu(kernel);
        return epsilonRule((a) => linear(a[0] as tf.Tensor, positive, undefined), inputs, relevance, ZPLUS_STABILISER);
      }
      return epsilonRule((a) => linear(a[0] as tf.Tensor, kernel, spec.useBias ? bias : undefined), inputs, relevance, epsilon);
    }
    case 'avgPool2d':
    case 'globalAveragePooling2d':
    case 'batchNormalization':
    case 'upSampling2d':
      return epsilonRule(viaLayer, inputs, relevance, epsilon);
    case 'add':
      return epsilonRule((a) => a.reduce((sum, t) => tf.add(sum, t)), inputs, relevance, epsilon);
    case 'maxPool2d':
    case 'globalMaxPooling2d':
    case 'flatten':
    case 'reshape':
    case 'zeroPadding2d':
    case 'concatenate':
      return route(viaLayer, inputs, relevance);
    case 'dropout':
    case 'activation':
      return [relevance];
    case 'conv2dTranspose':
    case 'depthwiseConv2d':
    case 'separableConv2d':
    case 'multiply':
      throw new Error(`LRP has no rule for layer '${spec.id}' (${spec.type})`);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown layer type ${JSON.stringify(unknown)}`);
    }
  }
}
