// The Explain view's request to the extension (types only; part of InspectorHostServes). The map names follow the
// runtime's `explain` request: `map` raw at the layer's or the input's resolution, `upsampled` [H, W] at the input's.
import type { InputChoice, SessionKey, Tensor } from '../protocol';

/** The methods, by the CLI's `--method` names. */
export type ExplainMethodId = 'gradcam' | 'gradcampp' | 'cam' | 'saliency' | 'smoothgrad' | 'ig' | 'lrp-epsilon' | 'lrp-zplus';

export interface ExplainQuery {
  readonly input: InputChoice;
  readonly method: ExplainMethodId;
  /** CAM family only; default the last spatial layer. */
  readonly layerId?: string;
  /** Default the predicted class. */
  readonly classIndex?: number;
}

export interface ExplainAnswer {
  readonly method: ExplainMethodId;
  readonly layer: string | null;
  readonly classIndex: number;
  readonly input: Tensor;
  readonly logits: Float32Array;
  readonly probs: Float32Array;
  readonly label: number | null;
  readonly map: Tensor;
  /** `[H, W]`: what the overlay draws. */
  readonly upsampled: Tensor;
  /** IG completeness / LRP conservation gap, percent. */
  readonly gapPercent?: number;
  readonly warnings: readonly string[];
}

/** What activation maximization raises: a class's pre-softmax logit, or the mean of one channel of a layer's output. */
export type MaximizeGoal = { readonly classIndex: number } | { readonly layerId: string; readonly channel: number };

export interface MaximizeQuery {
  readonly target: MaximizeGoal;
  /** Gradient-ascent steps, ≥ 1. */
  readonly steps: number;
  /** Seed of the start image and the jitter: the same seed replays the same evolution. */
  readonly seed: number;
}

export interface MaximizeAnswer {
  /** The final image `[H, W, C]`, in the input's value range. */
  readonly image: Tensor;
  /** The target's value before each step's update; length `steps`. */
  readonly score: readonly number[];
  /** The image `[H, W, C]` (data only; the shape is `image`'s) after some steps, evenly spaced, the last included. */
  readonly snapshots: readonly { readonly step: number; readonly data: Float32Array }[];
  readonly seed: number;
}

export type ExplainHostServes = {
  /** One explanation of one input at a run's epoch. */
  explain: { params: SessionKey & ExplainQuery; result: ExplainAnswer };
  /**
   * Activation maximization at a run's epoch (no input: it starts from seeded noise). Progress arrives meanwhile as
   * `maximizeProgress` messages; cancelling the request cancels the runtime's.
   */
  maximize: { params: SessionKey & MaximizeQuery; result: MaximizeAnswer };
};

/** Shallow check of the extension's answer before drawing it. */
export function isExplainAnswer(value: unknown): value is ExplainAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const upsampled = record['upsampled'];
  return typeof record['method'] === 'string' && typeof record['classIndex'] === 'number' && record['probs'] instanceof Float32Array
    && typeof upsampled === 'object' && upsampled !== null && (upsampled as Record<string, unknown>)['data'] instanceof Float32Array
    && Array.isArray(record['warnings']);
}

/** Shallow check of a maximize answer before drawing it. */
export function isMaximizeAnswer(value: unknown): value is MaximizeAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const image = record['image'];
  return typeof image === 'object' && image !== null && (image as Record<string, unknown>)['data'] instanceof Float32Array
    && Array.isArray(record['score']) && Array.isArray(record['snapshots']) && typeof record['seed'] === 'number';
}
