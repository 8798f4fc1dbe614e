/** The Inspector's analysis of a trained run: opening it, feature maps and the example grid. Types only; part of the runtime's contract (see `../protocol.ts`). */

import type { Range } from '../language/types';
import type { BackendOptions } from './backend';

/** A layer of an opened run, in file order, as the Inspector lists it. */
export interface AnalysisLayer {
  readonly id: string;
  /** The layer type as written, e.g. `conv2d`. */
  readonly type: string;
  /** Output shape without the batch dimension, e.g. `[28, 28, 8]` (HWC). */
  readonly outputShape: readonly number[];
  /** The layer's entry in the run's `spec.yaml` (0-based, half-open); the model file when it is unchanged. */
  readonly range: Range;
}

/** A tensor that crosses the process boundary: row-major data (HWC for images), shape without the batch dimension. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** What an analysis is run on: validation example N of the run's own split (same seed), or a tensor as-is. */
export type AnalysisInput = { readonly example: number } | { readonly tensor: TensorData };

/** Load a trained run for analysis: its spec, the weights of `model/` or `checkpoints/epoch-N/`, and its data. */
export interface OpenRunParams {
  readonly runDir: string;
  /** A checkpoint epoch; undefined loads the final `model/` (or the newest checkpoint when the run has no model). */
  readonly epoch?: number;
  readonly backend: BackendOptions;
}

export interface OpenRunResult {
  /** Names the loaded session in later requests; sessions are kept most-recently-used (at most 2). */
  readonly sessionId: string;
  readonly runDir: string;
  /** The checkpoint epoch loaded, or null for the final model. */
  readonly epoch: number | null;
  readonly layers: readonly AnalysisLayer[];
  readonly inputShape: readonly number[];
  readonly task: 'classification' | 'regression' | 'segmentation' | 'reconstruction' | 'gan';
  readonly classNames: readonly string[];
  /** Number of validation examples; `{ example: N }` takes 0 ≤ N < validationCount. */
  readonly validationCount: number;
  /** Checkpoint epochs on disk, ascending. */
  readonly epochs: readonly number[];
}

export interface FeatureMapsParams {
  readonly sessionId: string;
  readonly layerIds: readonly string[];
  readonly input: AnalysisInput;
}

export interface FeatureMapsResult {
  /** One per requested layer, in request order: the layer's output for the one example (batch dimension dropped). */
  readonly layers: readonly (TensorData & { readonly id: string })[];
  /** Exactly the tensor that was fed in. */
  readonly input: TensorData;
  /** The model's output for the example (class probabilities for classification). */
  readonly probs: Float32Array;
  /** The example's true label (class index) for `{ example }` inputs of a classification run, else null. */
  readonly label: number | null;
}

/** A page of validation examples for the Inspector's thumbnail grid. */
export interface ExamplesParams {
  readonly sessionId: string;
  /** First example of the page: a validation index, or with `misclassifiedOnly` a position among the misclassified. */
  readonly start: number;
  /** Examples on the page (at most 256); fewer come back at the end. */
  readonly count: number;
  /** Only examples whose predicted class differs from the true one (classification runs). */
  readonly misclassifiedOnly?: boolean;
}

export interface ExampleSummary {
  /** Validation index: `{ example: index }` in featureMaps. */
  readonly index: number;
  /** The example as fed to the model (HWC for images). */
  readonly input: TensorData;
  /** True class; null unless the run is a classification. */
  readonly label: number | null;
  /** Predicted class; null unless the run is a classification. */
  readonly predicted: number | null;
  /** Probability of the predicted class; null unless the run is a classification. */
  readonly confidence: number | null;
}

export interface ExamplesResult {
  /** Validation examples (or misclassified ones with `misclassifiedOnly`) in all, for paging. */
  readonly total: number;
  readonly examples: readonly ExampleSummary[];
}
