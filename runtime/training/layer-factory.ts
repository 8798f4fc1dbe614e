// One model-file layer → TensorFlow.js layers, with Keras conventions. Every weight initialiser is seeded, so a
// seed makes a run reproducible on the same backend.
import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerSpec } from '../language';
import { ScaledElu } from './scaled-elu';

type ActivationIdentifier = 'relu' | 'sigmoid' | 'tanh' | 'elu' | 'softmax' | 'linear';

/** Keras's LeakyReLU default slope, also used for `activation: leakyRelu` on dense and convolution layers. */
const LEAKY_RELU_ALPHA = 0.3;

/** The layers one spec layer becomes: `main` holds the weights (and the spec id as name); `after` runs on its output. */
export interface BuiltLayer {
  readonly main: tf.layers.Layer;
  /** Extra layer applied after `main` (leakyRelu, which tfjs has no activation identifier for). */
  readonly after?: tf.layers.Layer;
  /** True for dropout layers, whose seed the trainer varies per step (see trainer). */
  readonly isDropout: boolean;
}

/** A 32-bit seed derived from the run seed and the layer id (FNV-1a), so layers do not share initial weights. */
export function layerSeed(seed: number, id: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** `activation` of dense/conv layers: tfjs identifier plus, for leakyRelu, a separate layer. */
function splitActivation(activation: Activation, id: string): { identifier: ActivationIdentifier; after?: tf.layers.Layer } {
  if (activation === 'leakyRelu') {
    return { identifier: 'linear', after: tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: `${id}__leaky_relu` }) };
  }
  return { identifier: activation };
}

function activationLayer(fn: Activation, alpha: number | undefined, name: string): tf.layers.Layer {
  switch (fn) {
    case 'leakyRelu': return tf.layers.leakyReLU({ alpha: alpha ?? LEAKY_RELU_ALPHA, name });
    case 'elu': return alpha === undefined || alpha === 1 ? tf.layers.elu({ name }) : new ScaledElu({ alpha, name });
    case 'relu':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
    case 'linear':
      return tf.layers.activation({ activation: fn, name });
    default: {
      const unknown: never = fn;
      throw new Error(`unknown activation ${String(unknown)}`);
    }
  }
}

/**
 * Replaces a `-1` in a reshape target by its size. tfjs would accept -1 but then reports it in the symbolic output
 * shape (it cannot resolve it while the batch size is unknown), which breaks the shape check and shape-dependent
 * layers after it.
 */
export function resolveReshapeTarget(target: readonly number[], inputShape: readonly number[]): number[] {
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const total = inputShape.reduce((a, b) => a * b, 1);
  return target.map((d) => (d === -1 ? total / known : d));
}

/** `inputShape`: the layer's (first) input shape without batch, needed to resolve reshape's -1. */
export function createLayer(spec: LayerSpec, seed: number, inputShape: readonly number[]): BuiltLayer {
  const name = spec.id;
  const kernelInitializer = tf.initializers.glorotUniform({ seed: layerSeed(seed, spec.id) });
  const single = (main: tf.layers.Layer): BuiltLayer => ({ main, isDropout: false });
  switch (spec.type) {
    case 'dense': {
      const { identifier, after } = splitActivation(spec.activation, name);
      const main = tf.layers.dense({ name, units: spec.units, activation: identifier, useBias: spec.useBias, kernelInitializer });
      return after ? { main, after, isDropout: false } : single(main);
    }
    case 'conv2d': {
      const { identifier, after } = splitActivation(spec.activation, name);
      const main = tf.layers.conv2d({
        name, filters: spec.filters, kernelSize: [...spec.kernel], strides: [...spec.stride], padding: spec.padding,
        dilationRate: [...spec.dilation], activation: identifier, useBias: spec.useBias, kernelInitializer,
      });
      return after ? { main, after, isDropout: false } : single(main);
    }
    case 'conv2dTranspose': {
      const { identifier, after } = splitActivation(spec.activation, name);
      const main = tf.layers.conv2dTranspose({
        name, filters: spec.filters, kernelSize: [...spec.kernel], strides: [...spec.stride], padding: spec.padding,
        activation: identifier, useBias: spec.useBias, kernelInitializer,
      });
      return after ? { main, after, isDropout: false } : single(main);
    }
    case 'depthwiseConv2d': {
      const { identifier, after } = splitActivation(spec.activation, name);
      const main = tf.layers.depthwiseConv2d({
        name, kernelSize: [...spec.kernel], strides: [...spec.stride], padding: spec.padding, depthMultiplier: spec.depthMultiplier,
        activation: identifier, useBias: spec.useBias, depthwiseInitializer: kernelInitializer,
      });
      return after ? { main, after, isDropout: false } : single(main);
    }
    case 'separableConv2d': {
      const { identifier, after } = splitActivation(spec.activation, name);
      const main = tf.layers.separableConv2d({
        name, filters: spec.filters, kernelSize: [...spec.kernel], strides: [...spec.stride], padding: spec.padding,
        dilationRate: [...spec.dilation], depthMultiplier: spec.depthMultiplier, activation: identifier, useBias: spec.useBias,
        depthwiseInitializer: kernelInitializer,
        pointwiseInitializer: tf.initializers.glorotUniform({ seed: layerSeed(seed, `${spec.id}:pointwise`) }),
      });
      return after ? { main, after, isDropout: false } : single(main);
    }
    case 'maxPool2d':
      return single(tf.layers.maxPooling2d({ name, poolSize: [...spec.pool], strides: [...spec.stride], padding: spec.padding }));
    case 'avgPool2d':
      return single(tf.layers.averagePooling2d({ name, poolSize: [...spec.pool], strides: [...spec.stride], padding: spec.padding }));
    case 'globalAveragePooling2d':
      return single(tf.layers.globalAveragePooling2d({ name }));
    case 'globalMaxPooling2d':
      return single(tf.layers.globalMaxPooling2d({ name }));
    case 'flatten':
      return single(tf.layers.flatten({ name }));
    case 'dropout':
      return { main: tf.layers.dropout({ name, rate: spec.rate, seed: layerSeed(seed, spec.id) }), isDropout: true };
    case 'batchNormalization':
      return single(tf.layers.batchNormalization({ name, momentum: spec.momentum, epsilon: spec.epsilon }));
    case 'activation':
      return single(activationLayer(spec.fn, spec.alpha, name));
    case 'reshape':
      return single(tf.layers.reshape({ name, targetShape: resolveReshapeTarget(spec.shape, inputShape) }));
    case 'upSampling2d':
      return single(tf.layers.upSampling2d({ name, size: [...spec.size] }));
    case 'zeroPadding2d': {
      const [[top, bottom], [left, right]] = spec.padding;
      return single(tf.layers.zeroPadding2d({ name, padding: [[top, bottom], [left, right]] }));
    }
    case 'add':
      return single(tf.layers.add({ name }));
    case 'multiply':
      return single(tf.layers.multiply({ name }));
    case 'concatenate':
      return single(tf.layers.concatenate({ name, axis: spec.axis }));
    default: {
      const unknown: never = spec;
      throw new Error(`unknown layer type ${JSON.stringify(unknown)}`);
    }
  }
}
