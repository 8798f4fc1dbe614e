/**
 * The contract the runtime child process speaks over Node IPC (`child_process.fork`, `serialization: 'advanced'`,
 * so typed arrays cross without JSON). Types only: the extension imports these, the runtime implements them.
 *
 * Flow: the runtime sends `ready` once it listens; the extension then sends `request`s, each answered by exactly one
 * `response` with the same `id`. The runtime may send `log` and notifications at any time after `ready`.
 */

export type * from './protocol/backend';
export type * from './protocol/training';
export type * from './protocol/analysis';
export type * from './protocol/explain';
export type * from './protocol/attacks';
import type { BackendOptions, RuntimeInfo } from './protocol/backend';
import type { MetricRow, TrainParams, TrainProgress, TrainResult, DecisionBoundary } from './protocol/training';
import type { ExamplesParams, ExamplesResult, FeatureMapsParams, FeatureMapsResult, OpenRunParams, OpenRunResult } from './protocol/analysis';
import type { ExplainParams, ExplainResult, MaximizeParams, MaximizeResult } from './protocol/explain';
import type { AttackParams, AttackResult, RobustnessParams, RobustnessResult } from './protocol/attacks';

/** Request methods: `params` sent by the extension, `result` returned by the runtime. */
export interface RuntimeMethods {
  info: { params: BackendOptions; result: RuntimeInfo };
  /** Resolves when the run ends; progress arrives meanwhile as `run*` notifications. */
  train: { params: TrainParams; result: TrainResult };
  /** Asks a run to stop after the current batch; its `train` request then resolves with `stopped`. */
  stop: { params: { readonly runId: string }; result: { readonly stopping: boolean } };
  openRun: { params: OpenRunParams; result: OpenRunResult };
  featureMaps: { params: FeatureMapsParams; result: FeatureMapsResult };
  examples: { params: ExamplesParams; result: ExamplesResult };
  /** Grad-CAM, CAM, saliency, SmoothGrad, Integrated Gradients or LRP for one input of a session. */
  explain: { params: ExplainParams; result: ExplainResult };
  /** Activation maximization of a class or a channel. */
  maximize: { params: MaximizeParams; result: MaximizeResult };
  closeRun: { params: { readonly sessionId: string }; result: { readonly closed: boolean } };
  attack: { params: AttackParams; result: AttackResult };
  /** Sends `progress` notifications with this request's id while it runs. */
  robustness: { params: RobustnessParams; result: RobustnessResult };
  /**
   * Evaluates a finished run's final model (no `epoch`) or its checkpoint of `epoch` on the run's validation split
   * and writes evaluation.json (run folder, or `checkpoints/epoch-N/`); answers its path. Cached: a file already
   * written is returned as is.
   */
  evaluate: { params: { readonly runDir: string; readonly epoch?: number; readonly backend: BackendOptions };
    result: { readonly path: string } };
  /** Cancels the request `id` if still in flight; it then fails with the error `cancelled`. */
  cancel: { params: { readonly id: number }; result: { readonly cancelled: boolean } };
}
export type RuntimeMethod = keyof RuntimeMethods;

/** Extension → runtime. */
export interface RequestOf<M extends RuntimeMethod> {
  readonly type: 'request';
  /** Unique per runtime process; the response and a `cancel` name the request by it. */
  readonly id: number;
  readonly method: M;
  readonly params: RuntimeMethods[M]['params'];
}
export type RequestMessage = { [M in RuntimeMethod]: RequestOf<M> }[RuntimeMethod];
export type ToRuntimeMessage = RequestMessage;

/** Runtime → extension. */
export type FromRuntimeMessage =
  /** Sent once, when the runtime is listening. */
  | { readonly type: 'ready'; readonly pid: number;
      /** `PROTOCOL_VERSION` of the runtime's build; the extension kills a runtime that speaks another. */
      readonly protocolVersion: number }
  /** Answer to the request with the same `id`: `result` on success, `error` (one line) on failure. */
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: RuntimeMethods[RuntimeMethod]['result'] }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string }
  /** A run was created: its folder exists and holds `spec.yaml` and `meta.json`. */
  | { readonly type: 'runStarted'; readonly runId: string; readonly runDir: string; readonly modelFile: string;
      readonly backend: string; readonly device: string; readonly reasons: readonly string[] }
  /** Progress of the long request `id` (e.g. robustness): `done` of `total` units of work. */
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  /** New rows of `metrics.jsonl` since the last notification (batched: at most 10 notifications a second). */
  | { readonly type: 'runMetrics'; readonly runId: string; readonly rows: readonly MetricRow[]; readonly progress: TrainProgress;
      /** The newest decision boundary since the last notification (2-D input classifiers only). */
      readonly boundary?: DecisionBoundary }
  /** A line for the "LayerLens" Output channel. */
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

/**
 * Bumped when a message changes shape; the extension refuses (and kills) a runtime that speaks another version. The
 * one value in this otherwise types-only file, so both sides read the same constant.
 */
export const PROTOCOL_VERSION = 1;
export type ProtocolVersion = typeof PROTOCOL_VERSION;
