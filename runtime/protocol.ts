import type { Range } from './language/types';

/**
 * The contract the runtime child process speaks over Node IPC (`child_process.fork`, `serialization: 'advanced'`,
 * so typed arrays cross without JSON). Types only: the extension imports these, the runtime implements them.
 *
 * Flow: the runtime sends `ready` once it listens; the extension then sends `request`s, each answered by exactly one
 * `response` with the same `id`. The runtime may send `log` and notifications at any time after `ready`.
 */

/** Which TensorFlow.js backend to use; `auto` walks the ladder cuda → webgpu → tensorflow → wasm → cpu. */
export type BackendPreference = 'auto' | 'cuda' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** What the runtime loaded, and why faster rungs of the ladder were not used. */
export interface RuntimeInfo {
  /** PID of the runtime process (differs from the extension host's). */
  readonly pid: number;
  /** `@tensorflow/tfjs` version loaded by the runtime. */
  readonly tfjsVersion: string;
  /** The ladder rung chosen, e.g. `wasm`. */
  readonly backend: string;
  /** TensorFlow.js's own backend name, e.g. `wasm`, `webgpu`, `tensorflow`. */
  readonly tfBackendName: string;
  /** Human-readable device, e.g. `NVIDIA H100 (CUDA)` or the CPU model. */
  readonly device: string;
  /** True when the device is emulated (e.g. a software Vulkan adapter). */
  readonly software: boolean;
  /** One line per rung that was tried and failed, e.g. `cuda: @tensorflow/tfjs-node-gpu not installed`. */
  readonly reasons: readonly string[];
  /** Versions of Node and the TensorFlow.js packages in use. */
  readonly versions: Readonly<Record<string, string>>;
}

/** Options the extension passes with requests that need a backend. */
export interface BackendOptions {
  readonly preference: BackendPreference;
  /** Extra folders to resolve `@tensorflow/tfjs-node(-gpu)` from (e.g. the extension's global storage). */
  readonly nodeModuleDirs: readonly string[];
}

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

/** An L∞ attack on one input of an opened run (the Inspector's Adversarial view, `layerlens attack`). */
export interface AttackParams {
  readonly sessionId: string;
  readonly input: AnalysisInput;
  readonly attack: 'fgsm' | 'pgd';
  /** L∞ budget in the model's input units (≥ 0). */
  readonly epsilon: number;
  /** PGD iterations (default 10). */
  readonly steps?: number;
  /** PGD step size α (default 2.5·ε/steps). */
  readonly stepSize?: number;
  /** PGD: start at x + U(−ε, ε) drawn from `seed` (default false). */
  readonly randomStart?: boolean;
  readonly seed?: number;
  /** Class to move towards (targeted attack); null or absent: untargeted. */
  readonly target?: number | null;
  /** Class to move away from; absent: the true label of a validation example, else the predicted class. */
  readonly label?: number;
  /** `predicted`: move away from the model's prediction even when the true label is known (avoids label leaking). */
  readonly labelSource?: 'true' | 'predicted';
}

export interface AttackResult {
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilon: number;
  /** The label the attack moved away from (see AttackParams.label). */
  readonly label: number;
  readonly target: number | null;
  /** The valid input range `[lo, hi]` the adversarial input was clipped to. */
  readonly clip: readonly [number, number];
  /** Exactly the clean input fed in, and the adversarial one (same shape, HWC for images). */
  readonly input: TensorData;
  readonly adversarial: TensorData;
  /** The model's output (class probabilities) on the clean and the adversarial input. */
  readonly probsBefore: Float32Array;
  readonly probsAfter: Float32Array;
  /** ‖adversarial − input‖∞. */
  readonly linf: number;
  /** The validation example's true class, or null for a tensor input. */
  readonly trueLabel: number | null;
  /** PGD settings used (null for FGSM), and the random start's seed. */
  readonly steps: number | null;
  readonly stepSize: number | null;
  readonly randomStart: boolean;
  readonly seed: number;
}

/** Robust accuracy against ε over the first `samples` validation examples of an opened run; stored in robustness.json. */
export interface RobustnessParams {
  readonly sessionId: string;
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilons: readonly number[];
  /** Validation examples used, from the first (default 500, at most the split's size). */
  readonly samples?: number;
  readonly steps?: number;
  readonly stepSize?: number;
  readonly randomStart?: boolean;
  readonly seed?: number;
  readonly labelSource?: 'true' | 'predicted';
  /** Black-box transfer: craft on this opened run (the surrogate), evaluate on `sessionId`. */
  readonly transferFromSessionId?: string;
  /** Input transforms applied before the evaluated model (not a real defence; shows what they undo). */
  readonly transform?: { readonly bitDepth?: number; readonly median?: number };
}

export interface RobustnessResult {
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilons: readonly number[];
  /** Robust accuracy per ε (examples misclassified when clean count as failures). */
  readonly accuracy: readonly number[];
  readonly cleanAccuracy: number;
  readonly samples: number;
  /** Largest ‖δ‖∞ per ε. */
  readonly maxLinf: readonly number[];
  /** Failed sanity checks in plain words (empty when all pass). */
  readonly findings: readonly { readonly check: string; readonly message: string }[];
  /** Run folder of the surrogate, or null. */
  readonly transferFrom: string | null;
}

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
