// The model file's `train` settings → a TensorFlow.js optimizer, loss and metrics (Keras names and defaults).
import * as tf from '@tensorflow/tfjs';
import type { Metric, Optimizer, TrainSpec } from '../language';
import { FusedAdamOptimizer } from './fused-optimizers/fused-adam';
import { FusedRMSPropOptimizer } from './fused-optimizers/fused-rmsprop';
import { FusedMomentumOptimizer, FusedSGDOptimizer } from './fused-optimizers/fused-sgd';

/** SGD momentum used by `optimizer: momentum` (the common Keras choice). */
export const SGD_MOMENTUM = 0.9;

/** tf.train.adam's defaults (tfjs-core optimizer_constructors.ts). */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
/** tf.train.rmsprop's defaults. */
const RMSPROP_DECAY = 0.9;
const RMSPROP_MOMENTUM = 0;

/**
 * The optimizer `name`. sgd, momentum, adam and rmsprop are, by default, tfjs's optimizers with the update fused
 * into one SIMD kernel per variable on the wasm backend (runtime/training/fused-optimizers/: same values, state
 * and checkpoints; other backends run tfjs's own update). `fused: false` gives tf.train's stock optimizers.
 */
export function createOptimizer(name: Optimizer, learningRate: number, options: { readonly fused?: boolean } = {}): tf.Optimizer {
  const fused = options.fused !== false;
  switch (name) {
    case 'sgd': return fused ? new FusedSGDOptimizer(learningRate) : tf.train.sgd(learningRate);
    case 'momentum': return fused ? new FusedMomentumOptimizer(learningRate, SGD_MOMENTUM) : tf.train.momentum(learningRate, SGD_MOMENTUM);
    case 'adam': return fused ? new FusedAdamOptimizer(learningRate, ADAM_BETA1, ADAM_BETA2) : tf.train.adam(learningRate);
    case 'rmsprop': return fused ? new FusedRMSPropOptimizer(learningRate, RMSPROP_DECAY, RMSPROP_MOMENTUM) : tf.train.rmsprop(learningRate);
    case 'adagrad': return tf.train.adagrad(learningRate);
    case 'adadelta': return tf.train.adadelta(learningRate);
    case 'adamax': return tf.train.adamax(learningRate);
    default: {
      const unknown: never = name;
      throw new Error(`unknown optimizer ${String(unknown)}`);
    }
  }
}

type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * A metric as compile() takes it. `accuracy` stays a string so tfjs picks binary, sparse or categorical accuracy
 * from the loss and output shape, as Keras does; the others are passed as functions.
 */
function metricFor(metric: Metric): string | MetricFn {
  switch (metric) {
    case 'accuracy': return 'accuracy';
    case 'binaryAccuracy': return tf.metrics.binaryAccuracy;
    case 'categoricalAccuracy': return tf.metrics.categoricalAccuracy;
    case 'sparseCategoricalAccuracy': return tf.metrics.sparseCategoricalAccuracy;
    case 'meanSquaredError': return tf.metrics.meanSquaredError;
    case 'meanAbsoluteError': return tf.metrics.meanAbsoluteError;
    case 'precision': return tf.metrics.precision;
    case 'recall': return tf.metrics.recall;
    default: {
      const unknown: never = metric;
      throw new Error(`unknown metric ${String(unknown)}`);
    }
  }
}

/**
 * Compiles `model` and returns the value names in the order trainOnBatch/evaluate report them: `loss`, then the
 * spec's metric names (e.g. `['loss', 'accuracy']`). The optimizer is not owned by the model: dispose it yourself.
 */
export function compileModel(model: tf.LayersModel, train: TrainSpec, optimizer: tf.Optimizer): string[] {
  // A metric listed twice would be reported twice under one name; keep the first.
  const metrics = [...new Set(train.metrics)];
  model.compile({ optimizer, loss: train.loss, metrics: metrics.map(metricFor) });
  return ['loss', ...metrics];
}
