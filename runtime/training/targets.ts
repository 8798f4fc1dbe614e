// Fits the data's targets to what the model and loss expect. The data layer gives one-hot classes `[n, classes]`;
// a sigmoid head with one unit needs `[n, 1]` (the positive class), and sparseCategoricalCrossentropy needs
// class indices `[n, 1]`. Anything else must already match the model's output shape.
import * as tf from '@tensorflow/tfjs';
import { formatShape, type Loss, type Shape, type Task } from '../language';

/** Returns ys reshaped for the model (a new tensor, or `ys` itself when it already fits), or throws a clear error. */
export function adaptTargets(ys: tf.Tensor, task: Task, loss: Loss, outputShape: Shape, classNames: readonly string[]): tf.Tensor {
  const perExample = ys.shape.slice(1);
  if (task === 'classification' && loss === 'sparseCategoricalCrossentropy') {
    const classes = outputShape[outputShape.length - 1] ?? 0;
    if (outputShape.length !== 1 || classes !== classNames.length) throw mismatch(outputShape, classNames, 'one output per class');
    return tf.tidy(() => tf.argMax(ys, -1).expandDims(-1).toFloat());
  }
  if (task === 'classification' && outputShape.length === 1 && outputShape[0] === 1 && perExample.length === 1 && perExample[0] === 2) {
    // Binary classification with one sigmoid unit: the target is the probability of the second class.
    return tf.tidy(() => ys.slice([0, 1], [-1, 1]));
  }
  const fits = perExample.length === outputShape.length && perExample.every((d, i) => d === outputShape[i]);
  if (fits) return ys;
  if (task === 'classification') throw mismatch(outputShape, classNames, `[${classNames.length}] (or [1] for two classes)`);
  throw new Error(`the data's targets are ${formatShape(perExample)} per example but the model outputs ${formatShape(outputShape)}`);
}

function mismatch(outputShape: Shape, classNames: readonly string[], wanted: string): Error {
  return new Error(
    `the data has ${classNames.length} classes (${classNames.slice(0, 10).join(', ')}${classNames.length > 10 ? ', …' : ''}) ` +
      `but the model outputs ${formatShape(outputShape)}; the last layer should output ${wanted}`,
  );
}
