// Integrated Gradients (Sundararajan et al.) on the straight path from a baseline x₀ (black by default) to x, with
// m steps and the trapezoid rule, and the completeness check Σ attributions ≈ S(x) − S(x₀).
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { countOption, sumOfScoreGradients, type Between } from './chunked-sum';
import { assertSingleInput, batchScores, readTensors } from './class-score';
import { readAttribution, reduceChannels, type InputAttribution } from './input-gradients';

export interface IntegratedGradientsOptions {
  /** Number of intervals m (m + 1 gradient evaluations); default 50, Captum's. */
  readonly steps?: number;
  /** Baseline `[1, H, W, C]`; default all zeros (black). */
  readonly baseline?: tf.Tensor;
  /** Runs between chunks of path points (cancellation). */
  readonly between?: Between;
}

export interface IntegratedGradientsResult extends InputAttribution {
  readonly steps: number;
  /** Σ attributions. */
  readonly attributionSum: number;
  /** S(x) − S(x₀). */
  readonly scoreDelta: number;
  /** (Σ attributions − (S(x) − S(x₀))) as a percentage of |S(x) − S(x₀)| (NaN-free: 0 when both are 0). */
  readonly completenessGapPercent: number;
}

/** Path points per gradient call. */
const BATCH = 16;

/**
 * IG_i = (x − x₀)_i · Σ_{k=0..m} w_k ∂S/∂x_i(x₀ + (k/m)(x − x₀)), w_k = 1/m except w_0 = w_m = 1/(2m) (trapezoid).
 * `x`, baseline: `[1, H, W, C]` → map `[H, W, C]` (signed attributions), sum over channels `[H, W]`.
 */
export async function integratedGradients(graph: LayerGraph, x: tf.Tensor, classIndex: number, options: IntegratedGradientsOptions = {}): Promise<IntegratedGradientsResult> {
  assertSingleInput(graph, x);
  const steps = countOption(options.steps, 50, 'Integrated Gradients', 'step');
  if (options.baseline && options.baseline.shape.join() !== x.shape.join()) {
    throw new Error(`baseline shape [${options.baseline.shape.join(', ')}] differs from the input's [${x.shape.join(', ')}]`);
  }
  const baseline = options.baseline ?? tf.zerosLike(x);
  try {
    const { scores, sum, ...maps } = await attributionTensors(graph, x, baseline, classIndex, steps, options.between);
    const numbers = await readTensors({ scores, sum });
    const scoreDelta = (numbers.scores[0] ?? 0) - (numbers.scores[1] ?? 0);
    const attributionSum = numbers.sum[0] ?? 0;
    const gap = attributionSum - scoreDelta;
    const completenessGapPercent = gap === 0 ? 0 : (100 * Math.abs(gap)) / Math.max(Math.abs(scoreDelta), 1e-12);
    return { ...(await readAttribution(maps, 'sum')), steps, attributionSum, scoreDelta, completenessGapPercent };
  } finally {
    if (baseline !== options.baseline) baseline.dispose();
  }
}

/** Attributions `[1, H, W, C]` (and their channel sum), S(x) and S(x₀) as `scores` `[2]`, and Σ attributions. */
async function attributionTensors(graph: LayerGraph, x: tf.Tensor, baseline: tf.Tensor, classIndex: number, steps: number, between?: Between) {
  const delta = tf.sub(x, baseline);
  const pathShape = x.shape.slice(1).map(() => 1);
  const ks = (start: number, count: number): number[] => Array.from({ length: count }, (_, i) => start + i);
  let total: tf.Tensor | undefined;
  try {
    total = await sumOfScoreGradients(graph, classIndex, x.shape, {
      total: steps + 1, chunk: BATCH, between,
      points: (start, count) => tf.add(baseline, tf.mul(tf.tensor(ks(start, count).map((k) => k / steps), [count, ...pathShape]), delta)),
      contribution: (gradients, start, count) =>
        tf.mul(gradients, tf.tensor(ks(start, count).map((k) => (k === 0 || k === steps ? 0.5 : 1) / steps), [count, ...pathShape])),
    });
    const sumOfGradients = total;
    return tf.tidy(() => {
      const attribution = tf.mul(delta, sumOfGradients);
      return { ...reduceChannels(attribution, 'sum'), scores: batchScores(graph, tf.concat([x, baseline]), classIndex), sum: tf.sum(attribution) };
    });
  } finally {
    total?.dispose();
    delta.dispose();
  }
}
