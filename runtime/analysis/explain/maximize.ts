// Activation maximization: gradient ascent on the input image for argmax_I f(I) − λ₂‖I‖² − λ_tv·TV(I), where f is a
// class's pre-softmax logit or the mean of one channel of a layer. Each step shifts the image by a seeded random
// jitter (a circular roll of up to `jitter` pixels) before the forward pass, which keeps high-frequency patterns from
// winning; the score of every step and snapshots of the image are returned, so the view can show its evolution.
import * as tf from '@tensorflow/tfjs';
import { randomInt, streamFor } from '../../data/random';
import type { LayerGraph } from '../layer-graph';
import { countOption, type Between } from './chunked-sum';
import { classScore, readTensors } from './class-score';

export type MaximizeTarget = { readonly class: number } | { readonly layer: string; readonly channel: number };

/** Gradient-ascent steps when none are asked for. */
export const MAXIMIZE_STEPS = 100;

export interface MaximizeOptions {
  /** Default MAXIMIZE_STEPS. */
  readonly steps?: number;
  readonly seed?: number;
  /** Step size as a fraction of the value range (each step moves pixels by about this much RMS); default 0.05. */
  readonly stepSize?: number;
  /** λ₂ of the L2 penalty λ₂‖I‖²; default 1e-3. */
  readonly l2?: number;
  /** λ_tv of the total-variation penalty (anisotropic, Σ|∂ᵢI| + |∂ⱼI|); default 1e-3. */
  readonly tv?: number;
  /** Largest jitter shift in pixels; default 2 (0 turns jitter off). */
  readonly jitter?: number;
  /** Valid input range, clipped to after each step; default [0, 1] (images as LayerLens loads them). */
  readonly range?: readonly [number, number];
  /** Snapshots to keep, evenly spaced, the last step included; default 8. */
  readonly snapshots?: number;
  /** Runs before every step (cancellation). */
  readonly between?: Between;
}

export interface MaximizeResult {
  /** Final image `[H, W, C]`. */
  readonly image: { readonly shape: readonly number[]; readonly data: Float32Array };
  /** The target's value f(I) (without penalties) at each step, before its update; length `steps`. */
  readonly score: number[];
  /** The image after some steps (`step` from 1), for the evolution strip. */
  readonly snapshots: { readonly step: number; readonly data: Float32Array }[];
  readonly seed: number;
}

/** Circular shift of `[1, H, W, C]` by (dy, dx) pixels. */
function roll(x: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const shift = (t: tf.Tensor4D, axis: 1 | 2, by: number): tf.Tensor4D => {
    const n = t.shape[axis];
    const k = ((by % n) + n) % n;
    if (k === 0) return t;
    const [head, tail] = tf.split(t, [n - k, k], axis);
    return tf.concat([tail as tf.Tensor4D, head as tf.Tensor4D], axis);
  };
  return shift(shift(x, 1, dy), 2, dx);
}

/** The objective f(I) for a batch of one `[1, ...input]`: a scalar. */
function targetValue(graph: LayerGraph, x: tf.Tensor, target: MaximizeTarget): tf.Scalar {
  if ('class' in target) return classScore(graph.run(x).logits, target.class);
  const a = graph.run(x, { until: target.layer }).output;
  const channels = a.shape[a.shape.length - 1] ?? 0;
  if (!Number.isInteger(target.channel) || target.channel < 0 || target.channel >= channels) {
    throw new Error(`channel ${target.channel} is out of range: layer '${target.layer}' has ${channels} channels (0..${channels - 1})`);
  }
  const begin = a.shape.map((_, i) => (i === a.shape.length - 1 ? target.channel : 0));
  const size = a.shape.map((d, i) => (i === a.shape.length - 1 ? 1 : d));
  return tf.mean(tf.slice(a, begin, size));
}

/**
 * Runs `steps` steps of jittered, RMS-normalised gradient ascent from a seeded grey-plus-noise start. Input
 * `[1, H, W, C]` built from `graph.spec.input`. `options.between` runs before every step and may throw to stop.
 */
export async function maximize(graph: LayerGraph, target: MaximizeTarget, options: MaximizeOptions = {}): Promise<MaximizeResult> {
  const steps = countOption(options.steps, MAXIMIZE_STEPS, 'maximize', 'step');
  const seed = options.seed ?? 0;
  const [lo, hi] = options.range ?? [0, 1];
  if ('layer' in target && !graph.built.layers.some((l) => l.id === target.layer)) throw new Error(`no layer '${target.layer}' in model '${graph.spec.name}'`);
  if (graph.spec.input.length !== 3) throw new Error(`activation maximization needs an image input [H, W, C]; this model's input is [${graph.spec.input.join(', ')}]`);
  const random = streamFor(seed, 'maximize-jitter');
  const jitter = options.jitter ?? 2;
  const stepSize = (options.stepSize ?? 0.05) * (hi - lo);
  const l2 = options.l2 ?? 1e-3;
  const tv = options.tv ?? 1e-3;
  const every = Math.max(1, Math.floor(steps / (options.snapshots ?? 8)));
  const score: number[] = [];
  const snapshots: MaximizeResult['snapshots'] = [];
  let image = tf.tidy(() => tf.clipByValue(tf.add(tf.fill([1, ...graph.spec.input], (lo + hi) / 2), tf.randomNormal([1, ...graph.spec.input], 0, 0.1 * (hi - lo), 'float32', seed)), lo, hi)) as tf.Tensor4D;
  try {
    for (let step = 1; step <= steps; step++) {
      await options.between?.();
      const dy = jitter > 0 ? randomInt(random, 2 * jitter + 1) - jitter : 0;
      const dx = jitter > 0 ? randomInt(random, 2 * jitter + 1) - jitter : 0;
      const current = image;
      const { next, value } = tf.tidy(() => {
        const objective = (x: tf.Tensor): tf.Scalar => {
          const f = targetValue(graph, roll(x as tf.Tensor4D, dy, dx), target);
          const tvTerm = tf.add(tf.sum(tf.abs(tf.sub(tf.slice(x, [0, 1, 0, 0], [-1, -1, -1, -1]), tf.slice(x, [0, 0, 0, 0], [-1, (x.shape[1] ?? 1) - 1, -1, -1])))),
            tf.sum(tf.abs(tf.sub(tf.slice(x, [0, 0, 1, 0], [-1, -1, -1, -1]), tf.slice(x, [0, 0, 0, 0], [-1, -1, (x.shape[2] ?? 1) - 1, -1])))));
          return tf.sub(tf.sub(f, tf.mul(l2, tf.sum(tf.square(x)))), tf.mul(tv, tvTerm));
        };
        const g = tf.grad(objective)(current);
        const rms = tf.add(tf.sqrt(tf.mean(tf.square(g))), 1e-12);
        const updated = tf.clipByValue(tf.add(current, tf.mul(stepSize, tf.div(g, rms))), lo, hi) as tf.Tensor4D;
        return { next: updated, value: targetValue(graph, current, target) };
      });
      current.dispose();
      image = next;
      score.push((await readTensors({ value })).value[0] ?? NaN);
      if (step % every === 0 || step === steps) snapshots.push({ step, data: Float32Array.from(await image.data()) });
    }
    return { image: { shape: image.shape.slice(1), data: Float32Array.from(await image.data()) }, score, snapshots, seed };
  } finally {
    image.dispose();
  }
}
