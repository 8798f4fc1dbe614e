/** Training a model file: parameters, progress notifications, metric rows and the decision boundary. Types only; part of the runtime's contract (see `../protocol.ts`). */

import type { BackendOptions } from './backend';

/** Status of a run, as written to its `meta.json`. `crashed` is written by the extension when the runtime died. */
export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed' | 'crashed';

/** Start (or resume) training one model file. */
export interface TrainParams {
  /** Absolute path of the model file (relative data paths resolve against its folder). */
  readonly modelFile: string;
  /** The model file's text as the user sees it (the editor may hold unsaved changes); snapshotted as `spec.yaml`. */
  readonly text: string;
  /** Folder that holds run folders, e.g. `<workspace>/.layerlens/runs`. */
  readonly runsDir: string;
  readonly backend: BackendOptions;
  /** Overrides `train.epochs` (total epochs, also when resuming). */
  readonly epochs?: number;
  /** Run folder to resume from its last checkpoint; new epochs are appended to the same folder. */
  readonly resumeRunDir?: string;
  /** Checkpoints kept besides the best one (default 3); older ones are deleted as training goes. */
  readonly keepCheckpoints?: number;
  /**
   * Worker threads for data-parallel training on the wasm and cpu backends (setting `layerlens.threads`): 0 means
   * one per CPU core; 1 or absent keeps the single-worker path. Other backends, GANs, adversarial training and the
   * precision/recall metrics always use the single-worker path (the log says why).
   */
  readonly threads?: number;
}

/** Final state of a run. */
export interface TrainResult {
  readonly runId: string;
  readonly runDir: string;
  readonly status: Exclude<RunStatus, 'running' | 'crashed'>;
  /** Set when status is `failed` (e.g. a NaN loss, with its likely cause). */
  readonly message?: string;
  /** The last epoch's metrics, e.g. `{ loss, accuracy, val_loss, val_accuracy }`. */
  readonly final: Readonly<Record<string, number>>;
  /** Absolute path of the run's `evaluation.json`, when the final model was evaluated on a validation split. */
  readonly evaluation?: string;
}

/** One line of `metrics.jsonl`: every batch and every epoch, all metrics by name. */
export interface MetricRow {
  readonly kind: 'batch' | 'epoch';
  /** Global batch counter across epochs, from 1; an epoch row carries the step of its last batch. */
  readonly step: number;
  /** Epoch, from 1. */
  readonly epoch: number;
  /** Batch within its epoch, from 1 (batch rows only). */
  readonly batch?: number;
  /** `loss`, `accuracy`, and for epoch rows `val_loss`, `val_accuracy`, … */
  readonly values: Readonly<Record<string, number>>;
  /** Milliseconds since the epoch (wall clock) when the row was written. */
  readonly time: number;
}

/** Live progress of a run, sent at most 10 times a second. */
export interface TrainProgress {
  readonly runId: string;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly samplesPerSecond: number;
  /** Estimated seconds left; undefined before the first full batch. */
  readonly etaSeconds?: number;
  readonly loss?: number;
}

/**
 * The decision boundary of a model with a 2-D input: its predicted class over a `size × size` grid of the input plane,
 * with the training and validation points to draw on top. Computed between batches (at most twice a second, within a
 * small share of training time) and at every epoch end (saved in the run's `boundaries.jsonl`).
 */
export interface DecisionBoundary {
  readonly epoch: number;
  /** Batch within the epoch when it was computed; 0 for the epoch-end frame saved with the checkpoint. */
  readonly batch: number;
  /** Grid side (≥ 64): `size × size` predictions. */
  readonly size: number;
  /** The plane in the model's input units (standardised where the data is): [min, max] of feature 1 and 2. */
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Row-major `[size, size]`, row 0 at the top (largest feature 2), column 0 at the smallest feature 1. */
  readonly classes: Uint8Array;
  /** Same layout: the probability of the predicted class, 0–255 for 0–1. */
  readonly confidence: Uint8Array;
  readonly classNames: readonly string[];
  readonly featureNames: readonly [string, string];
  /** Up to 300 training and 300 validation examples: `xs` `[n, 2]` in the plane's units, class, and 1 for validation. */
  readonly points: { readonly xs: Float32Array; readonly labels: Uint8Array; readonly validation: Uint8Array };
}
