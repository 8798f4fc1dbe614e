// Class labels ↔ what the attacked model's loss expects, and the model's own predictions.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data';
import type { LayerGraph } from '../layer-graph';
import type { ValidRange } from './types';

/** Number of output units of a classification model (1 for a one-unit sigmoid head). */
export function outputUnits(graph: LayerGraph): number {
  const shape = graph.built.model.outputs[0]?.shape ?? [];
  if (shape.length !== 2) throw new Error(`attacks need a classification model with a rank-1 output, got [${shape.slice(1).join(', ')}]`);
  return shape[1] ?? 0;
}

/** Number of classes the model tells apart (2 for a one-unit sigmoid head). */
export function classCount(graph: LayerGraph): number {
  const units = outputUnits(graph);
  return units === 1 ? 2 : units;
}

/** Loss targets for class labels: one-hot `[n, classes]`, or `[n, 1]` holding the class for a one-unit sigmoid head. */
export function targetsFor(graph: LayerGraph, labels: Int32Array | readonly number[]): tf.Tensor {
  const units = outputUnits(graph);
  const classes = classCount(graph);
  for (const label of labels) {
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new Error(`class ${label} is not in 0…${classes - 1}`);
  }
  return tf.tidy(() => {
    const indices = tf.tensor1d(Array.from(labels), 'int32');
    return units === 1 ? indices.toFloat().expandDims(1) : tf.oneHot(indices, units).toFloat();
  });
}

/** Class indices `[n]` from model outputs `[n, units]`. */
export function labelsOfOutput(output: tf.Tensor): tf.Tensor {
  return tf.tidy(() => ((output.shape[1] ?? 0) === 1 ? tf.greater(output, 0.5).toInt().reshape([-1]) : tf.argMax(output, -1)));
}

/** The model's predicted classes for `x` `[n, ...]`. */
export function predictedLabels(graph: LayerGraph, x: tf.Tensor): Int32Array {
  return tf.tidy(() => labelsOfOutput(graph.run(x).output).dataSync() as Int32Array);
}

/** True labels of a dataset split (its one-hot `ys`). */
export function labelsOfTargets(ys: tf.Tensor): Int32Array {
  return tf.tidy(() => tf.argMax(ys, -1).dataSync() as Int32Array);
}

const IMAGE_SOURCES: ReadonlySet<string> = new Set(['mnist', 'shapes', 'images']);

/**
 * The data's valid range: `[0, 1]` for images (as LayerLens loads them); for tabular data (standardised or raw), the
 * range of the training split's features.
 */
export function validRangeOf(dataset: Dataset): ValidRange {
  if (IMAGE_SOURCES.has(dataset.source)) return { lo: 0, hi: 1 };
  const [lo, hi] = tf.tidy(() => [tf.min(dataset.train.xs).dataSync()[0] ?? 0, tf.max(dataset.train.xs).dataSync()[0] ?? 0]);
  return { lo: lo ?? 0, hi: hi ?? 0 };
}
