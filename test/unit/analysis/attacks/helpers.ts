// Small models for the attack tests, built from model text with fixed or seeded weights.
import * as tf from '@tensorflow/tfjs';
import { LayerGraph } from '../../../../runtime/analysis/layer-graph';
import type { AttackedModel } from '../../../../runtime/analysis/attacks';
import { buildModel, checkText } from '../../../../runtime/training';

export function attackedModel(text: string, seed = 7, weights?: readonly tf.Tensor[]): AttackedModel {
  const checked = checkText(text, 'test.model.yaml');
  if (checked.type !== 'ok') throw new Error(checked.message);
  const built = buildModel(checked.spec, seed);
  if (weights) built.model.setWeights([...weights]);
  return { graph: new LayerGraph(checked.spec, built), loss: checked.spec.train.loss };
}

export function disposeModel(model: AttackedModel): void {
  model.graph.dispose();
  model.graph.built.model.dispose();
}

export const SMALL_CNN = `name: small-cnn
task: classification
input: [6, 6, 1]
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, padding: same, activation: relu }
  - dropout: { rate: 0.5 }
  - maxPool2d: { pool: 2 }
  - flatten
  - dense: { id: out, units: 4, activation: softmax }
train: { loss: categoricalCrossentropy }
`;

export const maxAbs = (t: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0] ?? Number.NaN);
