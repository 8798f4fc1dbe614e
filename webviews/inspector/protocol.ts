/**
 * Messages of the Inspector panel (one panel per trained run). Types only: the extension (`extension/inspector/`) and
 * the webview (`webviews/inspector/`) both import them. Tensors travel as `Float32Array`s with a `shape` (structured
 * clone, no JSON), row-major, HWC for images, without the batch dimension.
 *
 * The page asks for data with requests (`InspectorHostServes`, see `webviews/shared/rpc.ts`): the epoch slider and the
 * input picker use "latest wins", so a drag never queues stale work. The extension pushes `init`, `runs` and
 * `highlightLayer` (the editor's cursor moved onto a layer's line).
 */
import type { ExplainHostServes } from './explain/explain-protocol';

import type { AdversarialHostServes } from './adversarial-protocol';

/** A tensor (same shape as the runtime's `TensorData`; the webview does not import runtime code). */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** One run of the model file, for the run picker. Newest first. */
export interface InspectorRun {
  readonly runDir: string;
  /** Run folder name, e.g. `20261126-221530-lenet`. */
  readonly runId: string;
  readonly status: 'running' | 'completed' | 'stopped' | 'failed' | 'crashed';
  readonly epochsDone: number;
}

/** The views that share the run, epoch and input pickers. Explain and Adversarial are filled by later issues. */
export type InspectorViewId = 'featureMaps' | 'explain' | 'adversarial';

/** What the page is shown first (embedded in the HTML) and again after a reload. */
export interface InspectorInit {
  /** Absolute path of the model file. */
  readonly modelFile: string;
  /** Workspace-relative, for the heading. */
  readonly displayName: string;
  /** The run shown. */
  readonly runDir: string;
  readonly runs: readonly InspectorRun[];
  /** What the user chose before a reload; undefined: defaults (last epoch, example 0, Feature maps). */
  readonly saved?: InspectorWebviewState;
  /** Opened on one example (a thumbnail of the Training panel's evaluation): it wins over `saved`. */
  readonly focus?: InspectFocus;
}

/** A validation example of the run to select as the input, at a checkpoint epoch (null: the final model). */
export interface InspectFocus {
  readonly example: number;
  readonly epoch: number | null;
}

/** A layer of the opened run. */
export interface InspectorLayer {
  readonly id: string;
  /** As written, e.g. `conv2d`. */
  readonly type: string;
  /** Without the batch dimension, e.g. `[28, 28, 8]`. */
  readonly outputShape: readonly number[];
  /** 0-based line of the layer in the model file, when it still has this layer. */
  readonly line?: number;
}

/** A run opened at an epoch (the result of `open`). */
export interface InspectorSession {
  readonly runDir: string;
  /** The checkpoint epoch loaded, or null for the final model. */
  readonly epoch: number | null;
  readonly layers: readonly InspectorLayer[];
  readonly inputShape: readonly number[];
  readonly task: 'classification' | 'regression' | 'segmentation' | 'reconstruction' | 'gan';
  readonly classNames: readonly string[];
  readonly validationCount: number;
  /** Checkpoint epochs on disk, ascending (the slider's stops). */
  readonly epochs: readonly number[];
}

/** What the model is run on. */
export type InputChoice =
  /** Validation example N of the run's own split. */
  | { readonly kind: 'example'; readonly index: number }
  /** An image file from the workspace or a drawn digit, already converted to the input shape. */
  | { readonly kind: 'tensor'; readonly tensor: Tensor; readonly source: string };

export interface FeatureMapsAnswer {
  /** One per requested layer, in request order. */
  readonly layers: readonly (Tensor & { readonly id: string })[];
  readonly input: Tensor;
  /** The model's output (class probabilities for classification). */
  readonly probs: Float32Array;
  /** True class of a validation example of a classification run, else null. */
  readonly label: number | null;
}

/** A validation example for the thumbnail grid. */
export interface ExampleThumb {
  readonly index: number;
  readonly input: Tensor;
  readonly label: number | null;
  readonly predicted: number | null;
  readonly confidence: number | null;
}

/** Identifies an opened run: its folder and epoch (null: the final model). */
export interface SessionKey {
  readonly runDir: string;
  readonly epoch: number | null;
}

/** Requests the page makes of the extension (the Adversarial view's in adversarial-protocol.ts, the Explain view's in
 * `explain/explain-protocol.ts`). */
export type InspectorHostServes = AdversarialHostServes & ExplainHostServes & {
  /** Loads a run at an epoch (in the analysis runtime) and lists its layers. */
  open: { params: SessionKey; result: InspectorSession };
  /** Outputs of some layers for one input. */
  featureMaps: { params: SessionKey & { readonly layerIds: readonly string[]; readonly input: InputChoice }; result: FeatureMapsAnswer };
  /** A page of validation examples with predictions; `misclassifiedOnly` counts `start` within those. */
  examples: {
    params: SessionKey & { readonly start: number; readonly count: number; readonly misclassifiedOnly: boolean };
    result: { readonly total: number; readonly examples: readonly ExampleThumb[] };
  };
  /** Asks the user for a PNG/JPEG in the workspace and converts it to the run's input; null when cancelled. */
  pickImage: { params: { readonly inputShape: readonly number[] }; result: { readonly tensor: Tensor; readonly source: string } | null };
  /** Reveals a layer's line in the model file (clicked header). */
  revealLayer: { params: { readonly layerId: string }; result: { readonly revealed: boolean } };
};

/** What the page shows now (answered to `state`; used by the tests). */
export interface InspectorViewState {
  readonly runDir: string;
  readonly epoch: number | null;
  readonly view: InspectorViewId;
  readonly input: { readonly kind: 'example'; readonly index: number } | { readonly kind: 'tensor'; readonly source: string } | null;
  /** Layers drawn, in order: channel canvases drawn for each, and whether it is highlighted. */
  readonly layers: readonly { readonly id: string; readonly canvases: number; readonly highlighted: boolean }[];
}

/** Requests the extension makes of the page. */
export type InspectorViewServes = {
  /** What the page shows, once every layer in view has been drawn (test hook). */
  state: { params: Record<string, never>; result: InspectorViewState };
};

/** Extension → webview. */
export type InspectorToView =
  /** First message after every `ready` (the same as the state embedded in the HTML, but current). */
  | { readonly type: 'init'; readonly init: InspectorInit }
  /** The model file's runs changed (a run ended). */
  | { readonly type: 'runs'; readonly runs: readonly InspectorRun[] }
  /** The editor's cursor is on this layer's line: scroll to it and highlight it. */
  | { readonly type: 'highlightLayer'; readonly layerId: string }
  /** The running `maximize` request has done `done` of `total` steps (at most 10 a second). */
  | { readonly type: 'maximizeProgress'; readonly done: number; readonly total: number }
  /** Show this run at this epoch with this validation example as the input (the panel was already open). */
  | { readonly type: 'focus'; readonly runDir: string; readonly focus: InspectFocus };

/** Webview → extension (besides requests). */
export type InspectorFromView =
  | { readonly type: 'ready' }
  /** The user picked another run: the panel now shows it (its title and the editor link follow). */
  | { readonly type: 'runChanged'; readonly runDir: string };

/** Kept with `setState`, restored after a reload (also by the serializer, which needs `modelFile` and `runDir`). */
export interface InspectorWebviewState {
  readonly modelFile: string;
  readonly runDir: string;
  readonly epoch: number | null;
  readonly view: InspectorViewId;
  /** A validation example index (drawn and file inputs are not kept). */
  readonly example: number;
  readonly normalisation: 'channel' | 'layer' | 'fixed';
  readonly misclassifiedOnly: boolean;
}
