// Messages between the trainer (main thread of the runtime) and its data-parallel training workers. Types only.
import type { AllReduceLayout } from './all-reduce';

/** A weight as it travels between threads: row-major float32 values and the tensor's shape. */
export interface WeightValues {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export interface WorkerInit {
  readonly type: 'init';
  /** The run's (checked) model file text and path: the worker builds its own replica from them. */
  readonly text: string;
  readonly modelFile: string;
  readonly seed: number;
  readonly backend: 'wasm' | 'cpu';
  readonly wasmDir?: string;
  readonly rank: number;
  readonly allReduce: AllReduceLayout;
  /** The main model's trainable variable names, in order: optimizer weights are sent back under these names. */
  readonly variableNames: readonly string[];
  /** Layers `init.freeze` made non-trainable in the main model (by name). */
  readonly frozen: readonly string[];
  /** model.getWeights() of the main model, in order (restored checkpoints and `init.from` copies included). */
  readonly weights: readonly WeightValues[];
  /** optimizer.getWeights() of the main optimizer, in order (empty before the first step). */
  readonly optimizerWeights: readonly WeightValues[];
}

/**
 * One training step on this worker's rows of the batch (`offset`..`offset + count` of `total`). The worker applies it
 * only once the trainer has released it, and discards it when the trainer cancels it (step-gate.ts).
 */
export interface WorkerStep {
  readonly type: 'step';
  /** Global step number (from 1): seeds the dropout masks. */
  readonly step: number;
  readonly offset: number;
  readonly count: number;
  readonly total: number;
  /** The slice's inputs `[count, ...input]` and targets `[count, ...target]`. */
  readonly x: Float32Array;
  readonly xShape: readonly number[];
  readonly y: Float32Array;
  readonly yShape: readonly number[];
}

/** Asks for the replica's weights (and optimizer state unless `withOptimizer` is false). */
export type ToWorker = WorkerInit | WorkerStep | { readonly type: 'pull'; readonly withOptimizer: boolean };

export type FromWorker =
  | { readonly type: 'ready' }
  /** The whole batch's values in trainOnBatch order (loss, then metrics); every rank sends them. */
  | { readonly type: 'stepDone'; readonly step: number; readonly values: readonly number[] }
  /** The trainer cancelled the step: this worker's weights and optimizer state are as before it. */
  | { readonly type: 'stepCancelled'; readonly step: number }
  | { readonly type: 'weights'; readonly weights: readonly WeightValues[]; readonly optimizerWeights: readonly WeightValues[] }
  | { readonly type: 'failed'; readonly message: string };
