// Class labels ↔ what the attacked model's loss expects, and the model's own predictions.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data';
import type { LayerGraph } from '../layer-graph';
import { clipRangeOf } from '../clip-range';
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

/**
 * Reads the values of the tensor `make` builds (inside tf.tidy) asynchronously, then frees it: webgpu in Node has no
 * dataSync.
 */
export async function readValues(make: () => tf.Tensor): Promise<Float32Array | Int32Array | Uint8Array> {
  const tensor = tf.tidy(make);
  try {
    return await tensor.data();
  } finally {
    tensor.dispose();
  }
}

/** The model's predicted classes for `x` `[n, ...]`. */
export async function predictedLabels(graph: LayerGraph, x: tf.Tensor): Promise<Int32Array> {
  return Int32Array.from(await readValues(() => labelsOfOutput(graph.run(x).output)));
}

/** True labels of a dataset split (its one-hot `ys`). */
export async function labelsOfTargets(ys: tf.Tensor): Promise<Int32Array> {
  return Int32Array.from(await readValues(() => tf.argMax(ys, -1)));
}

/** The data's valid range (the analysis session's clip range: `[0, 1]` for images, the training range otherwise). */
export async function validRangeOf(dataset: Dataset): Promise<ValidRange> {
  const [lo, hi] = await clipRangeOf(dataset);
  return { lo, hi };
}
