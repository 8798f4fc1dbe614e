// The class score every explanation differentiates: the PRE-softmax logit of one class (gradients through a softmax
// give blank or wrong maps: tf-explain#54, keras-io#370), plus the small helpers all methods share.
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';

/**
 * S for class `classIndex` from logits `[1, ...outputShape]`: the logit itself for a rank-1 output, and the sum of
 * the class channel over every position for a segmentation output `[1, h, w, classes]`. Returns a scalar.
 */
export function classScore(logits: tf.Tensor, classIndex: number): tf.Scalar {
  const classes = logits.shape[logits.shape.length - 1] ?? 0;
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) {
    throw new Error(`class ${classIndex} is out of range: the model has ${classes} output${classes === 1 ? '' : 's'} (0..${classes - 1})`);
  }
  const begin = logits.shape.map((_, axis) => (axis === logits.shape.length - 1 ? classIndex : 0));
  const size = logits.shape.map((d, axis) => (axis === logits.shape.length - 1 ? 1 : d));
  return tf.sum(tf.slice(logits, begin, size));
}

/** S(x) for `x` `[1, ...input]`, as a function `tf.grad` can differentiate. */
export function scoreFunction(graph: LayerGraph, classIndex: number): (x: tf.Tensor) => tf.Scalar {
  return (x) => classScore(graph.run(x).logits, classIndex);
}

/** Scores of every example of a batch `[n, ...input]`: `[n]` (the logit of `classIndex` per example). */
export function batchScores(graph: LayerGraph, x: tf.Tensor, classIndex: number): tf.Tensor1D {
  const logits = graph.run(x).logits;
  const rank = logits.shape.length;
  const begin = logits.shape.map((_, axis) => (axis === rank - 1 ? classIndex : 0));
  const size = logits.shape.map((d, axis) => (axis === rank - 1 ? 1 : d));
  const slice = tf.slice(logits, begin, size);
  return tf.reshape(tf.sum(tf.reshape(slice, [slice.shape[0] ?? 1, -1]), 1), [-1]);
}

/** Logits and probabilities of a single example `[1, ...input]`, flattened; `predicted` is the argmax class. */
export interface Prediction {
  readonly logits: Float32Array;
  readonly probs: Float32Array;
  readonly predicted: number;
}

export async function predict(graph: LayerGraph, x: tf.Tensor): Promise<Prediction> {
  const { logits, probs } = await readTensors(tf.tidy(() => {
    const run = graph.run(x);
    return { logits: tf.reshape(run.logits, [-1]), probs: tf.reshape(run.output, [-1]) };
  }));
  let predicted = 0;
  for (let i = 1; i < logits.length; i++) if ((logits[i] ?? -Infinity) > (logits[predicted] ?? -Infinity)) predicted = i;
  return { logits, probs, predicted };
}

/**
 * Reads tensors computed inside `tf.tidy` and disposes them. Reads are asynchronous because the webgpu backend has
 * no `dataSync` in Node, so every method computes in a tidy scope and reads once at the end.
 */
export async function readTensors<K extends string>(tensors: Record<K, tf.Tensor>): Promise<Record<K, Float32Array>> {
  try {
    const entries = await Promise.all(Object.entries<tf.Tensor>(tensors).map(async ([key, t]) => [key, Float32Array.from(await t.data())] as const));
    return Object.fromEntries(entries) as Record<K, Float32Array>;
  } finally {
    for (const t of Object.values<tf.Tensor>(tensors)) t.dispose();
  }
}

/** Checks that `x` is one example `[1, ...graph.spec.input]`, with a message naming both shapes. */
export function assertSingleInput(graph: LayerGraph, x: tf.Tensor): void {
  const expected = [1, ...graph.spec.input];
  if (x.shape.length !== expected.length || x.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`input has shape [${x.shape.slice(1).join(', ')}], the model expects [${graph.spec.input.join(', ')}]`);
  }
}

/** A tensor's values as plain data (batch dimension dropped): what crosses the process boundary. */
export interface MapData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Bilinear upsampling with half-pixel centres (= PyTorch `align_corners=False`): `[1, h, w, c]` → `[1, H, W, c]`. */
export function upsample(map: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  return tf.image.resizeBilinear(map, [size[0], size[1]], false, true);
}

