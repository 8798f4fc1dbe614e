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

export type ExplainHostServes = {
  /** One explanation of one input at a run's epoch. */
  explain: { params: SessionKey & ExplainQuery; result: ExplainAnswer };
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
