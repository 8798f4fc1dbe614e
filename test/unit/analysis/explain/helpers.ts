// Small models for the explanation tests, built with seeded weights (no training: the identities under test hold
// for any weights).
import * as tf from '@tensorflow/tfjs';
import { LayerGraph } from '../../../../runtime/analysis/layer-graph';
import { buildModel, checkText } from '../../../../runtime/training';

export function graphOf(text: string, seed = 7): LayerGraph {
  const checked = checkText(text, 'test.model.yaml');
  if (checked.type !== 'ok') throw new Error(checked.message);
  return new LayerGraph(checked.spec, buildModel(checked.spec, seed));
}

export function disposeGraph(graph: LayerGraph): void {
  graph.dispose();
  graph.built.model.dispose();
}

/** A seeded input `[1, ...shape]` in [0, 1]. */
export function inputOf(shape: readonly number[], seed = 11): tf.Tensor {
  return tf.randomUniform([1, ...shape], 0, 1, 'float32', seed);
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] ?? 0));
  return m;
}

/** Gives every bias of `graph` random non-zero values, so that tests do not pass only because biases are 0. */
export function randomiseBiases(graph: LayerGraph, seed = 3): void {
  for (const { layer } of graph.built.layers) {
    const weights = layer.getWeights();
    if (weights.length !== 2 || weights[1]?.shape.length !== 1) continue;
    const bias = tf.randomNormal(weights[1].shape, 0, 0.3, 'float32', seed++);
    layer.setWeights([weights[0] as tf.Tensor, bias]);
    bias.dispose();
  }
}

export const GAP_DENSE = `name: gap
input: [8, 8, 2]
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: relu }
  - conv2d: { id: c2, filters: 6, kernel: 3, stride: 2, padding: same, activation: relu }
  - globalAveragePooling2d: { id: gap }
  - dense: { id: out, units: 3, activation: softmax }
`;

export const SMOOTH_CNN = `name: smooth
input: [5, 5, 2]
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, activation: tanh }
  - flatten
  - dense: { id: h, units: 6, activation: tanh }
  - dense: { id: out, units: 4, activation: softmax }
`;

export const LENET_LIKE = `name: lenetish
input: [12, 12, 1]
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: relu }
  - maxPool2d: { pool: 2 }
  - conv2d: { id: c3, filters: 6, kernel: 3, activation: relu }
  - flatten
  - dense: { id: f5, units: 10, activation: relu }
  - dense: { id: out, units: 5, activation: softmax }
`;
