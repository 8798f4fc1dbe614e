// Input-space gradient methods: saliency (|∂S/∂x|) and SmoothGrad (mean |∇S| over seeded noisy copies). Both keep
// the per-channel map `[H, W, C]` and reduce channels by max for display (tf-keras-vis; Captum keeps channels).
import * as tf from '@tensorflow/tfjs';
import type { LayerGraph } from '../layer-graph';
import { assertSingleInput, batchScores, readMap, scoreFunction, type MapData, tidyData } from './class-score';

export interface InputAttribution {
  /** Raw attribution at the input's resolution: `[H, W, C]`. */
  readonly map: MapData;
  /** `map` reduced over channels (`reduction`): `[H, W]`. */
  readonly upsampled: MapData;
  /** How channels were reduced for `upsampled`: max for gradient magnitudes, sum for relevance/attributions. */
  readonly reduction: 'max' | 'sum';
}

/** `[1, H, W, C]` attribution → `{ map [H, W, C], upsampled [H, W] }`. Caller tidies. */
export function inputAttribution(attribution: tf.Tensor, reduction: 'max' | 'sum'): InputAttribution {
  const reduced = reduction === 'max' ? tf.max(attribution, -1) : tf.sum(attribution, -1);
  return { map: readMap(attribution), upsampled: readMap(reduced), reduction };
}

/** Saliency: |∂S/∂x| with S the class logit. `x` `[1, H, W, C]` → map `[H, W, C]`, max over channels `[H, W]`. */
export function saliency(graph: LayerGraph, x: tf.Tensor, classIndex: number): InputAttribution {
  assertSingleInput(graph, x);
  return tidyData(() => inputAttribution(tf.abs(tf.grad(scoreFunction(graph, classIndex))(x)), 'max'));
}

export interface SmoothGradOptions {
  /** Number of noisy copies n (default 20, tf-keras-vis's). */
  readonly samples?: number;
  /** σ as a fraction of the input's range max − min (default 0.2, tf-keras-vis's). */
  readonly sigma?: number;
  /** Seed of the noise: copy i uses `tf.randomNormal(…, seed + i)`; replaying a seed replays the noise. */
  readonly seed?: number;
}

export interface SmoothGradResult extends InputAttribution {
  readonly samples: number;
  /** The absolute σ used: sigma · (max(x) − min(x)). */
  readonly sigmaAbsolute: number;
  readonly seed: number;
}

/** Copies per gradient call: bounds memory for large inputs while keeping few calls for small ones. */
const BATCH = 8;

/** SmoothGrad: mean_n |∇S(x + ε_n)|, ε_n ~ N(0, σ²). `x` `[1, H, W, C]` → map `[H, W, C]`, max over channels `[H, W]`. */
export function smoothGrad(graph: LayerGraph, x: tf.Tensor, classIndex: number, options: SmoothGradOptions = {}): SmoothGradResult {
  assertSingleInput(graph, x);
  const samples = options.samples ?? 20;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`SmoothGrad needs at least 1 sample, got ${samples}`);
  return tidyData(() => {
    const range = tf.sub(tf.max(x), tf.min(x)).dataSync()[0] ?? 0;
    const sigmaAbsolute = (options.sigma ?? 0.2) * range;
    const gradient = tf.grad((batch: tf.Tensor) => tf.sum(batchScores(graph, batch, classIndex)));
    let total: tf.Tensor = tf.zerosLike(x);
    for (let start = 0; start < samples; start += BATCH) {
      const count = Math.min(BATCH, samples - start);
      const next = tf.tidy(() => {
        const noisy = tf.concat(Array.from({ length: count }, (_, i) => tf.add(x, tf.randomNormal(x.shape, 0, sigmaAbsolute, 'float32', seed + start + i))));
        return tf.add(total, tf.sum(tf.abs(gradient(noisy)), 0, true));
      });
      total.dispose();
      total = next;
    }
    return { ...inputAttribution(tf.div(total, samples), 'max'), samples, sigmaAbsolute, seed };
  });
}
