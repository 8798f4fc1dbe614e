// The two bench models (same layers as scripts/bench_torch.py) and their training FLOPs.
//
// FLOP count: the model language counts multiply-accumulates (MACs) per example for dense and convolution
// layers (runtime/language/counts.ts). One training example costs about
//   forward 2·MACs  +  backward 2·2·MACs (gradient w.r.t. the inputs and w.r.t. the weights)  =  3 × 2 × MACs
// FLOPs; pooling, activations, the loss and the optimizer update are left out (they are a few percent here).
// GFLOP/s reported by the bench = samples/s × 6 × MACs / 1e9.
import * as tf from '@tensorflow/tfjs';
import { checkModel } from '../../runtime/language';

export type BenchModelName = 'lenet' | 'mlp';

export const BENCH_MODEL_NAMES: readonly BenchModelName[] = ['lenet', 'mlp'];

interface BenchModelSpec {
  readonly build: () => tf.Sequential;
  readonly inputShape: readonly number[];
  /** The same model in the LayerLens model language, from which the MACs are counted. */
  readonly modelText: string;
}

const LENET_TEXT = `name: bench-lenet
task: classification
input: [28, 28, 1]
layers:
  - conv2d: { filters: 6, kernel: 5, activation: relu }
  - maxPool2d: { pool: 2 }
  - conv2d: { filters: 16, kernel: 5, activation: relu }
  - maxPool2d: { pool: 2 }
  - flatten
  - dense: { units: 120, activation: relu }
  - dense: { units: 84, activation: relu }
  - dense: { units: 10, activation: softmax }
`;

const MLP_TEXT = `name: bench-mlp
task: classification
input: [784]
layers:
  - dense: { units: 128, activation: relu }
  - dense: { units: 10, activation: softmax }
`;

/** LeNet-5 style: input [batch, 28, 28, 1] → 10 class probabilities. */
function buildLeNet(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'relu' }),
      tf.layers.dense({ units: 84, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** MLP 784-128-10: input [batch, 784]. */
function buildMlp(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

export const BENCH_MODELS: Record<BenchModelName, BenchModelSpec> = {
  lenet: { build: buildLeNet, inputShape: [28, 28, 1], modelText: LENET_TEXT },
  mlp: { build: buildMlp, inputShape: [784], modelText: MLP_TEXT },
};

/** MACs and parameters per example, counted by the model language; throws if the model text has errors. */
export function modelCounts(name: BenchModelName): { readonly macs: number; readonly params: number } {
  const check = checkModel(BENCH_MODELS[name].modelText, `${name}.model.yaml`);
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench model ${name}: ${errors.map((d) => d.message).join('; ')}`);
  return { macs: check.totals.macs, params: check.totals.params };
}

/** FLOPs of one training example (forward + backward): 3 × 2 × MACs, see the header. */
export function trainingFlopsPerExample(name: BenchModelName): number {
  return 6 * modelCounts(name).macs;
}
