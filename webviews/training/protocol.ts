/**
 * Messages of the Training panel. Types only: the extension (`extension/training-panel/`) and the webview
 * (`webviews/training/`) both import them. Points travel as columns of `Float64Array`s (structured clone, no JSON),
 * at most 10 `update` messages a second, every row of `metrics.jsonl` exactly once per run (or again after a reset).
 */

// The evaluation file and decision-boundary frames are the runtime's formats, shown as they are: type-only imports
// (erased from the bundle), so the panel cannot drift from what the runtime writes.
import type { DecisionBoundary } from '../../runtime/protocol';
import type { Evaluation } from '../../runtime/evaluation/report';

export type { DecisionBoundary, Evaluation };

/** Same values as the runtime's `RunStatus` (the webview does not import runtime code). */
export type RunStatusName = 'running' | 'completed' | 'stopped' | 'failed' | 'crashed';

/** Rows of one kind (`batch` or `epoch`) of one run, as columns: index i of every array is the same row. */
export interface ColumnBlock {
  /** Global batch counter of each row (epoch rows carry the step of their last batch). */
  readonly step: Float64Array;
  /**
   * Position of each row on the epoch axis: `epoch` for epoch rows; `epoch − 1 + batch / batchesPerEpoch` for batch
   * rows, so a batch point sits inside its epoch. Never decreases within a run.
   */
  readonly epoch: Float64Array;
  /** One column per metric name as written by the runtime (`loss`, `accuracy`, `val_loss`, …); NaN where absent. */
  readonly values: Readonly<Record<string, Float64Array>>;
}

/** New points of one run. */
export interface RunPoints {
  readonly runId: string;
  /** True: drop what the view holds for this run first (history reloaded from disk, or a run that was resumed). */
  readonly reset: boolean;
  /** Batch rows (training values, every step). */
  readonly batch: ColumnBlock;
  /** Epoch rows (epoch means and `val_*` validation values). */
  readonly epoch: ColumnBlock;
}

/** The best epoch value of a run, e.g. the highest `val_accuracy` or the lowest `val_loss`. */
export interface BestMetric {
  /** Metric name, e.g. `val_accuracy` (from the model file: render as text). */
  readonly name: string;
  readonly value: number;
  /** Epoch (from 1) where it was reached. */
  readonly epoch: number;
}

/** A one-click edit of the model file that the training doctor proposes (same shape as the runtime's DoctorFix). */
export type DoctorFixView =
  | { readonly kind: 'setBatchNormMomentum'; readonly momentum: number; readonly title: string }
  | { readonly kind: 'setLearningRate'; readonly learningRate: number; readonly title: string };

/** A failure pattern the training doctor found in an ended run, in plain words (render as text). */
export interface DoctorNote {
  /** e.g. `batchNormStatistics`, `deadRelus`, `overfitting`. */
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  readonly fix?: DoctorFixView;
  /** Further reading, opened outside VS Code. */
  readonly links?: readonly { readonly label: string; readonly url: string }[];
}

/** One run of the model file, for the runs list and the legend. */
export interface RunSummary {
  /** Run folder name, e.g. `20261126-221530-mlp-xor` (unique per runs folder). */
  readonly runId: string;
  /** ISO 8601 start time. */
  readonly startedAt: string;
  readonly status: RunStatusName;
  /** Ladder rung it trained on, e.g. `wasm`. */
  readonly backend: string;
  /** Device, e.g. the CPU model or `NVIDIA H100 (CUDA)`. */
  readonly device: string;
  /** Undefined before the first epoch ends. */
  readonly best?: BestMetric;
  /** What the training doctor found once the run ended; absent when nothing (or while it runs). */
  readonly diagnoses?: readonly DoctorNote[];
  /** Wall time from start to end (or to now while running), seconds. */
  readonly durationSeconds: number;
  readonly epochsDone: number;
  readonly epochsPlanned: number;
  /**
   * How the run's `spec.yaml` differs from the model file now, e.g. `learningRate 0.001 → 0.01, +dropout`;
   * empty when identical; `spec not readable` when the snapshot no longer checks.
   */
  readonly specDiff: string;
  /** Why it failed, stopped or crashed. */
  readonly message?: string;
  /**
   * File name of the model file the run is of, when it is ANOTHER file's run overlaid for comparison ("Compare
   * with…"); its `specDiff` then says how that file differs from this one. Absent for this file's runs.
   */
  readonly modelFile?: string;
  /** It is training right now (Stop applies to it). */
  readonly live: boolean;
  /** It can be resumed from a checkpoint (not running, not completed, has a checkpoint). */
  readonly resumable: boolean;
}

/**
 * One epoch's saved images of a run (`images/epoch-<n>.json`, see runtime/runs/epoch-images-file.ts): values
 * row-major `[count, ...shape]` in the model's own scale.
 */
export interface EpochImagesView {
  /** gan: 16 images from the same noise each epoch; reconstruction: validation inputs and their reconstructions. */
  readonly kind: 'gan' | 'reconstruction';
  readonly epoch: number;
  /** One image's shape: `[h, w, c]` (HWC), `[h, w]` or `[n]`. */
  readonly shape: readonly number[];
  readonly images: Float32Array;
  /** reconstruction only: the model's outputs for `images`, same layout. */
  readonly reconstructions?: Float32Array;
}

/** Throughput and time left of the run that is training now. */
export interface LiveStatus {
  readonly runId: string;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly samplesPerSecond: number;
  /** Seconds; undefined before the first full batch. */
  readonly etaSeconds?: number;
  /** Ladder rung, e.g. `wasm` (shown as a badge). */
  readonly backend: string;
  readonly device: string;
}

export type SmoothingMethod = 'ema' | 'centred' | 'trailing';

/** What the user chose in the toolbar; kept in the webview state so it survives reloads. */
export interface ViewSettings {
  readonly xAxis: 'step' | 'epoch';
  readonly yScale: 'linear' | 'log';
  readonly smoothingMethod: SmoothingMethod;
  /** Slider position 0–100: 0 draws raw points only; EMA β = 0.99·s/100; moving-average window = 1 + 2·round(s/2). */
  readonly smoothing: number;
}

/** Points held per run, answered to the `state` request (used by the integration tests). */
export interface PanelRunState {
  readonly runId: string;
  /** Batch rows received (equals the batch rows of its metrics.jsonl once everything arrived). */
  readonly batchPoints: number;
  readonly epochPoints: number;
  /** `loss` of the last batch row received; undefined before the first. */
  readonly lastLoss?: number;
}

export interface PanelState {
  /** Model file the panel is for (absolute path). */
  readonly modelFile: string;
  readonly runs: readonly PanelRunState[];
  /** Charts drawn (one per metric). */
  readonly charts: readonly string[];
}

/** Extension → webview. */
export type TrainingToView =
  /** First message after `ready` (and after a reload): which file, and the settings to start from. */
  | { readonly type: 'init';
      /** Absolute path of the model file (kept in the webview state for the serializer). */
      readonly modelFile: string;
      /** Path shown in the heading (workspace-relative). */
      readonly displayName: string;
      /** Settings saved before a reload; undefined: the view's defaults. */
      readonly settings?: ViewSettings }
  /** The run list changed (a run started or ended, the model file was saved, the panel opened). Newest first. */
  | { readonly type: 'runs'; readonly runs: readonly RunSummary[];
      /** The model file is training now (Stop is enabled, Train again is not). */
      readonly training: boolean;
      /** Runs ticked for display (a run that starts is ticked by the extension). */
      readonly shown: readonly string[];
      /** Other model files (absolute paths) whose runs are listed too, for comparison. */
      readonly compared: readonly string[] }
  /** Batched points and progress; at most 4 a second (UPDATE_INTERVAL_MS). */
  | { readonly type: 'update'; readonly points: readonly RunPoints[]; readonly live?: LiveStatus }
  /**
   * A shown run's evaluation.json (absent until the run ends, or when it could not be evaluated) and its saved
   * decision boundaries, one per epoch (2-D input classifiers). Sent when a run is shown and when it ends.
   */
  | { readonly type: 'evaluation'; readonly runId: string; readonly evaluation?: Evaluation;
      readonly boundaries: readonly DecisionBoundary[];
      /** Which weights `evaluation` is of: a checkpoint epoch, or undefined for the final model. */
      readonly epoch?: number;
      /** Checkpoint epochs on disk, ascending (each can be evaluated on demand). */
      readonly checkpointEpochs: readonly number[] }
  /** The live run's newest decision boundary (at most twice a second while it trains). */
  | { readonly type: 'boundary'; readonly runId: string; readonly frame: DecisionBoundary }
  /**
   * A shown run's epoch images: sent when the run is shown, when one of its epochs ends (the newest), and when the
   * view asks for one epoch. Only for runs that save images (GAN and reconstruction tasks).
   */
  | { readonly type: 'epochImages'; readonly runId: string;
      /** Epochs with saved images, ascending. */
      readonly epochs: readonly number[];
      /** The newest epoch's, or the one asked for; absent when its file could not be read. */
      readonly images?: EpochImagesView }
  /** Something the user asked for failed (shown in the panel). */
  | { readonly type: 'error'; readonly message: string };

/** Webview → extension. */
export type TrainingFromView =
  /** The listener is installed: send `init`, the runs and their history. */
  | { readonly type: 'ready' }
  /** A run's tick box changed. Showing one makes the extension send its history as a reset. */
  | { readonly type: 'setShown'; readonly runId: string; readonly shown: boolean }
  /** The toolbar settings changed (the extension remembers them for the next `init`). */
  | { readonly type: 'settings'; readonly settings: ViewSettings }
  | { readonly type: 'stop' }
  | { readonly type: 'resume'; readonly runId: string }
  /** Pick other model files of the workspace whose runs to overlay (the extension asks with a quick pick). */
  | { readonly type: 'compareWith' }
  /** Open the run in the Inspector; with `example`, on that validation example at `epoch` (absent: the final model). */
  | { readonly type: 'inspect'; readonly runId: string; readonly example?: number; readonly epoch?: number }
  | { readonly type: 'trainAgain' }
  /** Export the rows of these runs as CSV (the extension asks where). */
  | { readonly type: 'exportCsv'; readonly runIds: readonly string[] }
  /** Save a chart: `dataUrl` is `data:image/png;base64,…`; `name` the chart's metric, for the file name. */
  | { readonly type: 'savePng'; readonly name: string; readonly dataUrl: string }
  /** Evaluate a run's checkpoint of `epoch` (undefined: its final model); answered by an `evaluation` message. */
  | { readonly type: 'evaluate'; readonly runId: string; readonly epoch?: number }
  /** Send the images a run saved at the end of `epoch` (the epoch slider); answered by an `epochImages` message. */
  | { readonly type: 'epochImages'; readonly runId: string; readonly epoch: number }
  /** Apply the training doctor's fix to the model file (an undoable edit in its editor). */
  | { readonly type: 'applyFix'; readonly fix: DoctorFixView };

/** Requests the page answers (the extension asks; see `webviews/shared/rpc.ts`). */
export type TrainingViewServes = {
  /** What the page holds now (points per run, charts), after every message posted before it (test hook). */
  state: { params: Record<string, never>; result: PanelState };
};

/** What the webview keeps with `setState` (restored by the serializer after a window reload). */
export interface TrainingWebviewState {
  /** Absolute path of the model file. */
  readonly modelFile: string;
  readonly shown: readonly string[];
  readonly settings: ViewSettings;
  /** Other model files whose runs are overlaid (absolute paths); absent in states saved before it existed. */
  readonly compared?: readonly string[];
}
