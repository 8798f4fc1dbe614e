// Layer-wise Relevance Propagation (LRP-ε and LRP-z⁺) over the model's graph in reverse file order, starting from
// R = S (the class's pre-softmax logit) and splitting relevance through every layer by the rules in lrp-rules.ts.
// Layers that feed several others (ResNet shortcuts) sum the relevance coming back from each consumer.
import * as tf from '@tensorflow/tfjs';
import { MODEL_INPUT_ID } from '../../language';
import type { LayerGraph } from '../layer-graph';
import { assertSingleInput, readTensors } from './class-score';
import { readAttribution, reduceChannels, type InputAttribution } from './input-gradients';
import { LRP_LAYER_TYPES, propagate, type LrpRule } from './lrp-rules';

export interface LrpOptions {
  /** ε of the ε-rule (default 1e-6, zennit's; Captum's is 1e-9); with z⁺ it applies to the non-weight layers. */
  readonly epsilon?: number;
  /** 1-based line of each layer in the model file, for error messages. */
  readonly lines?: ReadonlyMap<string, number>;
}

export interface LrpResult extends InputAttribution {
  readonly rule: LrpRule;
  readonly epsilon: number;
  /** S: the class logit relevance starts from. */
  readonly score: number;
  /** Σ R over the input. */
  readonly relevanceSum: number;
  /** |Σ R − S| as a percentage of |S| (0 when both are 0). Biases and ε make it non-zero. */
  readonly conservationGapPercent: number;
}

/** Throws for the first layer (in file order) that no LRP rule covers, naming it and its line. */
export function assertLrpSupported(graph: LayerGraph, lines?: ReadonlyMap<string, number>): void {
  for (const { spec, built } of graph.layers) {
    if (!built.inModel || LRP_LAYER_TYPES.has(spec.type)) continue;
    const line = lines?.get(spec.id);
    throw new Error(`LRP has no rule for layer '${spec.id}' (${spec.type}${line === undefined ? '' : `, line ${line}`}); ` +
      `it covers dense, conv2d, pooling, flatten, reshape, global pooling, batchNormalization, add, concatenate, ` +
      `zeroPadding2d, upSampling2d, dropout and activations. Use Integrated Gradients or saliency for this model.`);
  }
}

/**
 * LRP relevance of class `classIndex` at the input. `x`: `[1, H, W, C]` (or `[1, features]`) → map: relevance per
 * input value (same shape without batch), `upsampled`: summed over channels `[H, W]` (for image inputs).
 */
export async function lrp(graph: LayerGraph, x: tf.Tensor, classIndex: number, rule: LrpRule, options: LrpOptions = {}): Promise<LrpResult> {
  assertSingleInput(graph, x);
  assertLrpSupported(graph, options.lines);
  const epsilon = options.epsilon ?? 1e-6;
  const tensors = tf.tidy(() => {
    const run = graph.run(x);
    const classes = run.logits.shape[run.logits.shape.length - 1] ?? 0;
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) throw new Error(`class ${classIndex} is out of range 0..${classes - 1}`);
    const mask = tf.oneHot(tf.tensor1d([classIndex], 'int32'), classes).reshape([...run.logits.shape.slice(0, -1).map(() => 1), classes]);
    const start = tf.mul(run.logits, mask);
    const relevance = new Map<string, tf.Tensor>([[graph.outputId, start]]);
    const layers = graph.layers;
    for (let index = layers.length - 1; index >= 0; index--) {
      const { spec, built } = layers[index] as (typeof layers)[number];
      const r = relevance.get(spec.id);
      if (!r) continue; // reaches no output: carries no relevance
      const inputIds = spec.from ?? [index === 0 ? MODEL_INPUT_ID : (layers[index - 1] as (typeof layers)[number]).spec.id];
      const inputs = inputIds.map((id) => run.outputs.get(id) as tf.Tensor);
      const back = propagate(spec, built, inputs, r, rule, epsilon);
      inputIds.forEach((id, i) => {
        const previous = relevance.get(id);
        const contribution = back[i] as tf.Tensor;
        relevance.set(id, previous ? tf.add(previous, contribution) : contribution);
      });
    }
    const atInput = relevance.get(MODEL_INPUT_ID) ?? tf.zerosLike(x);
    // Image inputs: summed over channels for display; other inputs are shown as they are.
    const maps = x.shape.length === 4 ? reduceChannels(atInput, 'sum') : { map: atInput, upsampled: tf.clone(atInput) };
    return { ...maps, score: tf.sum(start), sum: tf.sum(atInput) };
  });
  const { score: scoreTensor, sum, ...maps } = tensors;
  const numbers = await readTensors({ score: scoreTensor, sum });
  const score = numbers.score[0] ?? 0;
  const relevanceSum = numbers.sum[0] ?? 0;
  const gap = relevanceSum - score;
  const conservationGapPercent = gap === 0 ? 0 : (100 * Math.abs(gap)) / Math.max(Math.abs(score), 1e-12);
  return { ...(await readAttribution(maps, 'sum')), rule, epsilon, score, relevanceSum, conservationGapPercent };
}
