// Input-space gradient methods: saliency (|∂S/∂x|) and SmoothGrad (mean |∇S| over seeded noisy copies). Both keep
// the per-channel map `[H, W, C]` and reduce channels by max for display (tf-keras-vis; Captum keeps channels).
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { countOption, sumOfScoreGradients, type Between } from './chunked-sum';
import { assertSingleInput, readTensors, scoreFunction, type MapData } from './class-score';

export interface InputAttribution {
  /** Raw attribution at the input's resolution: `[H, W, C]`. */
  readonly map: MapData;
  /** `map` reduced over channels (`reduction`): `[H, W]`. */
  readonly upsampled: MapData;
  /** How channels were reduced for `upsampled`: max for gradient magnitudes, sum for relevance/attributions. */
  readonly reduction: 'max' | 'sum';
}

/** Attribution `[1, H, W, C]` and its channel reduction `[1, H, W]`, as tensors (caller tidies). */
export function reduceChannels(attribution: tf.Tensor, reduction: 'max' | 'sum'): { map: tf.Tensor; upsampled: tf.Tensor } {
  return { map: attribution, upsampled: reduction === 'max' ? tf.max(attribution, -1) : tf.sum(attribution, -1) };
}

/** Reads `reduceChannels`' tensors (and disposes them) into an InputAttribution. */
export async function readAttribution(tensors: { map: tf.Tensor; upsampled: tf.Tensor }, reduction: 'max' | 'sum'): Promise<InputAttribution> {
  const mapShape = tensors.map.shape.slice(1);
  const upShape = tensors.upsampled.shape.slice(1);
  const data = await readTensors(tensors);
  return { map: { shape: mapShape, data: data.map }, upsampled: { shape: upShape, data: data.upsampled }, reduction };
}

/** Saliency: |∂S/∂x| with S the class logit. `x` `[1, H, W, C]` → map `[H, W, C]`, max over channels `[H, W]`. */
export async function saliency(graph: LayerGraph, x: tf.Tensor, classIndex: number): Promise<InputAttribution> {
  assertSingleInput(graph, x);
  return readAttribution(tf.tidy(() => reduceChannels(tf.abs(tf.grad(scoreFunction(graph, classIndex))(x)), 'max')), 'max');
}

/** Copies per gradient call: bounds memory for large inputs while keeping few calls for small ones. */
const BATCH = 8;

export interface SmoothGradOptions {
  /** Number of noisy copies n (default 20, tf-keras-vis's). */
  readonly samples?: number;
  /** σ as a fraction of the input's range max − min (default 0.2, tf-keras-vis's). */
  readonly sigma?: number;
  /** Seed of the noise: copy i uses `tf.randomNormal(…, seed + i)`; replaying a seed replays the noise. */
  readonly seed?: number;
  /** Runs between chunks of copies (cancellation). */
  readonly between?: Between;
}

export interface SmoothGradResult extends InputAttribution {
  readonly samples: number;
  /** The absolute σ used: sigma · (max(x) − min(x)). */
  readonly sigmaAbsolute: number;
  readonly seed: number;
}

/** SmoothGrad: mean_n |∇S(x + ε_n)|, ε_n ~ N(0, σ²). `x` `[1, H, W, C]` → map `[H, W, C]`, max over channels `[H, W]`. */
export async function smoothGrad(graph: LayerGraph, x: tf.Tensor, classIndex: number, options: SmoothGradOptions = {}): Promise<SmoothGradResult> {
  assertSingleInput(graph, x);
  const samples = countOption(options.samples, 20, 'SmoothGrad', 'sample');
  const seed = options.seed ?? 0;
  const sigmaTensor = tf.tidy(() => tf.mul(options.sigma ?? 0.2, tf.sub(tf.max(x), tf.min(x))));
  const sigmaAbsolute = (await sigmaTensor.data())[0] ?? 0;
  sigmaTensor.dispose();
  const total = await sumOfScoreGradients(graph, classIndex, x.shape, {
    total: samples, chunk: BATCH, between: options.between,
    points: (start, count) => tf.concat(Array.from({ length: count }, (_, i) => tf.add(x, tf.randomNormal(x.shape, 0, sigmaAbsolute, 'float32', seed + start + i)))),
    contribution: (gradients) => tf.abs(gradients),
  });
  const tensors = tf.tidy(() => reduceChannels(tf.div(total, samples), 'max'));
  total.dispose();
  return { ...(await readAttribution(tensors, 'max')), samples, sigmaAbsolute, seed };
}
