/** Explanations (Grad-CAM, CAM, saliency, SmoothGrad, IG, LRP) and activation maximization. Types only; part of the runtime's contract (see `../protocol.ts`). */

import type { AnalysisInput, TensorData } from './analysis';

/** Explanation methods, by the names the CLI's `--method` takes. */
export type ExplainMethod = 'gradcam' | 'gradcampp' | 'cam' | 'saliency' | 'smoothgrad' | 'ig' | 'lrp-epsilon' | 'lrp-zplus';

export interface ExplainParams {
  readonly sessionId: string;
  readonly input: AnalysisInput;
  readonly method: ExplainMethod;
  /** CAM family: the layer (default: the last with a spatial output). Input-space methods ignore it. */
  readonly layerId?: string;
  /** The class to explain; default the predicted one. */
  readonly classIndex?: number;
  /** Integrated Gradients: steps m (default 50, trapezoid rule). */
  readonly steps?: number;
  /** SmoothGrad: noisy copies n (default 20). */
  readonly samples?: number;
  /** SmoothGrad: σ as a fraction of the input range (default 0.2). */
  readonly sigma?: number;
  /** SmoothGrad: noise seed (default 0). */
  readonly seed?: number;
  /** Integrated Gradients: the baseline (default all zeros, black), shaped like the input. */
  readonly baseline?: TensorData;
}

export interface ExplainResult {
  readonly method: ExplainMethod;
  /** The layer the map belongs to (CAM family), null for input-space methods. */
  readonly layer: string | null;
  readonly classIndex: number;
  /** Exactly the tensor that was fed in. */
  readonly input: TensorData;
  /** Pre-softmax scores and the model's output (probabilities for classification). */
  readonly logits: Float32Array;
  readonly probs: Float32Array;
  /** The example's true class for `{ example }` inputs of a classification run, else null. */
  readonly label: number | null;
  /** Raw, unnormalised: `[h, w]` at the layer's resolution (CAM family) or `[H, W, C]` (input-space methods). */
  readonly map: TensorData;
  /** At the input's resolution `[H, W]`: half-pixel bilinear upsampling (CAM family) or the channel reduction. */
  readonly upsampled: TensorData;
  /** Integrated Gradients: completeness gap; LRP: conservation gap; in percent. */
  readonly gapPercent?: number;
  /** SmoothGrad: the seed and absolute σ used (replayable). */
  readonly seed?: number;
  readonly sigmaAbsolute?: number;
  /** Plain-word warnings about a suspect result (all-zero map and why, gap over 5%, output not a class score). */
  readonly warnings: readonly string[];
}

/** What activation maximization raises: a class's pre-softmax logit, or the mean of one channel of a layer. */
export type MaximizeTarget = { readonly classIndex: number } | { readonly layerId: string; readonly channel: number };

export interface MaximizeParams {
  readonly sessionId: string;
  readonly target: MaximizeTarget;
  /** Gradient-ascent steps (default 100); the request can be cancelled between steps. */
  readonly steps?: number;
  /** Seed of the start image and the jitter (default 0). */
  readonly seed?: number;
}

export interface MaximizeResult {
  /** The final image `[H, W, C]`, in the input's value range. */
  readonly image: TensorData;
  /** The target's value at each step. */
  readonly score: readonly number[];
  /** The image after some steps (evenly spaced, the last included): the evolution. */
  readonly snapshots: readonly { readonly step: number; readonly data: Float32Array }[];
  readonly seed: number;
}
