// The typed model specification and the results of checking a model file.
// Pure data: shared by the extension host, the training runtime and the CLI.

/** 0-based line and column (UTF-16 code units), as in the VS Code API. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Half-open source range [start, end), 0-based. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'syntax'              // YAML/JSON syntax error
  | 'structure'           // wrong shape of the document (e.g. layers is not a list)
  | 'unknown-key'         // unknown top-level, data or train key
  | 'unknown-layer-type'
  | 'unknown-param'
  | 'missing-value'       // required key or parameter absent
  | 'bad-value'           // wrong type, out of range, not in enum
  | 'too-large'           // numbers or shapes beyond what can be checked or trained
  | 'duplicate-id'
  | 'unknown-id'          // `from` names an id that does not exist
  | 'cycle'
  | 'input-count'         // wrong number of inputs for a layer
  | 'rank-mismatch'       // layer cannot take an input of this rank
  | 'non-positive-output' // an output dimension would be <= 0
  | 'shape-mismatch'      // merge inputs or reshape sizes do not fit
  | 'task-output'         // final output does not fit the task
  | 'unused-layer';       // a layer's output reaches nothing

/** Replace `range` with `newText`; an insertion has start == end. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly code: DiagnosticCode;
  /** Alternative quick fixes, most likely first. */
  readonly fixes?: readonly QuickFix[];
}

/** A tensor shape without the batch dimension, e.g. `[h, w, channels]`. */
export type Shape = readonly number[];
/** `[h, w]`. */
export type Pair = readonly [number, number];

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'leakyRelu', 'elu', 'softmax', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];
export const TASKS = ['classification', 'regression', 'segmentation', 'reconstruction', 'gan'] as const;
export type Task = (typeof TASKS)[number];

interface LayerCommon {
  /** The user's `id`, or a generated Keras-style one such as `conv2d_1`. */
  readonly id: string;
  /** Ids named by `from`; undefined means "the previous layer" (the model input for the first layer). */
  readonly from?: readonly string[];
}

interface ConvParams {
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: Padding;
  readonly activation: Activation;
  readonly useBias: boolean;
}

interface PoolParams {
  readonly pool: Pair;
  readonly stride: Pair;
  readonly padding: Padding;
}

export interface DenseLayer extends LayerCommon {
  readonly type: 'dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
}
export interface Conv2dLayer extends LayerCommon, ConvParams {
  readonly type: 'conv2d';
  readonly dilation: Pair;
}
export interface Conv2dTransposeLayer extends LayerCommon, ConvParams {
  readonly type: 'conv2dTranspose';
}
/** One kernel per input channel (times `depthMultiplier`); no mixing across channels (MobileNet). */
export interface DepthwiseConv2dLayer extends LayerCommon, Omit<ConvParams, 'filters'> {
  readonly type: 'depthwiseConv2d';
  readonly depthMultiplier: number;
}
/** Depthwise convolution followed by a 1×1 pointwise convolution to `filters` channels (Xception, MobileNet). */
export interface SeparableConv2dLayer extends LayerCommon, ConvParams {
  readonly type: 'separableConv2d';
  readonly dilation: Pair;
  readonly depthMultiplier: number;
}
export interface MaxPool2dLayer extends LayerCommon, PoolParams {
  readonly type: 'maxPool2d';
}
export interface AvgPool2dLayer extends LayerCommon, PoolParams {
  readonly type: 'avgPool2d';
}
export interface GlobalAveragePooling2dLayer extends LayerCommon {
  readonly type: 'globalAveragePooling2d';
}
export interface GlobalMaxPooling2dLayer extends LayerCommon {
  readonly type: 'globalMaxPooling2d';
}
export interface FlattenLayer extends LayerCommon {
  readonly type: 'flatten';
}
export interface DropoutLayer extends LayerCommon {
  readonly type: 'dropout';
  readonly rate: number;
}
export interface BatchNormalizationLayer extends LayerCommon {
  readonly type: 'batchNormalization';
  /** Moving-statistics momentum (Keras default 0.99): moving = momentum·moving + (1 − momentum)·batch. */
  readonly momentum: number;
  /** Added to the variance (Keras default 0.001). */
  readonly epsilon: number;
}
export interface ActivationLayer extends LayerCommon {
  readonly type: 'activation';
  readonly fn: Activation;
  /** Slope for leakyRelu (Keras default 0.3) or scale for elu (default 1); absent for other functions. */
  readonly alpha?: number;
}
export interface ReshapeLayer extends LayerCommon {
  readonly type: 'reshape';
  /** Target shape without batch; may contain one -1 (inferred), as in Keras. */
  readonly shape: readonly number[];
}
export interface UpSampling2dLayer extends LayerCommon {
  readonly type: 'upSampling2d';
  readonly size: Pair;
}
export interface ZeroPadding2dLayer extends LayerCommon {
  readonly type: 'zeroPadding2d';
  /** `[[top, bottom], [left, right]]`. */
  readonly padding: readonly [Pair, Pair];
}
export interface AddLayer extends LayerCommon {
  readonly type: 'add';
}
export interface MultiplyLayer extends LayerCommon {
  readonly type: 'multiply';
}
export interface ConcatenateLayer extends LayerCommon {
  readonly type: 'concatenate';
  /** Keras axis: counts the batch dimension as 0; negative counts from the end. */
  readonly axis: number;
}

export type LayerSpec =
  | DenseLayer | Conv2dLayer | Conv2dTransposeLayer | DepthwiseConv2dLayer | SeparableConv2dLayer | MaxPool2dLayer | AvgPool2dLayer
  | GlobalAveragePooling2dLayer | GlobalMaxPooling2dLayer | FlattenLayer | DropoutLayer
  | BatchNormalizationLayer | ActivationLayer | ReshapeLayer | UpSampling2dLayer | ZeroPadding2dLayer
  | AddLayer | MultiplyLayer | ConcatenateLayer;
export type LayerType = LayerSpec['type'];

export const DATA_SOURCES = ['mnist', 'height-weight', 'xor', 'spirals', 'shapes', 'csv', 'images'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export const PRETEXTS = ['rotation'] as const;
export type Pretext = (typeof PRETEXTS)[number];

export interface DataSpec {
  readonly source: DataSource;
  /** Class indices to keep, re-indexed 0.. in this order (e.g. digits [5, 6, 7, 8, 9] become classes 0–4). */
  readonly classes?: readonly number[];
  /** At most this many training examples per class (validation is split off first and keeps its size). */
  readonly samplesPerClass?: number;
  /** `rotation`: each image is rotated by a random multiple of 90° and labelled by it (4 classes). */
  readonly pretext?: Pretext;
  readonly validationSplit?: number;
  readonly shuffleLabels: boolean;
  readonly path?: string;
  /** Column name, or 0-based column index. */
  readonly labelColumn?: string | number;
  readonly featureColumns?: readonly (string | number)[];
  readonly imageSize?: Pair;
  readonly samples?: number;
  readonly noise?: number;
  readonly seed?: number;
}

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'momentum'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];
export const LOSSES = [
  'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'meanAbsoluteError',
] as const;
export type Loss = (typeof LOSSES)[number];
export const METRICS = [
  'accuracy', 'binaryAccuracy', 'categoricalAccuracy', 'sparseCategoricalAccuracy',
  'meanSquaredError', 'meanAbsoluteError', 'precision', 'recall',
] as const;
export type Metric = (typeof METRICS)[number];

/** `train.adversarial`: replace `ratio` of each batch by adversarial examples crafted on the current weights. */
export interface AdversarialTrainingSpec {
  readonly attack: 'fgsm' | 'pgd';
  /** L∞ budget in the model's input units (e.g. 0.1 on [0, 1] images). */
  readonly epsilon: number;
  /** Share of each batch replaced, 0…1. */
  readonly ratio: number;
  /** PGD iterations (default 10). */
  readonly steps?: number;
  /** PGD step size (default 2.5·epsilon/steps). */
  readonly stepSize?: number;
}

/** Training settings with Keras defaults filled in. */
export interface TrainSpec {
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: Optimizer;
  readonly learningRate: number;
  readonly loss: Loss;
  readonly metrics: readonly Metric[];
  readonly seed?: number;
  readonly validationSplit?: number;
  readonly adversarial?: AdversarialTrainingSpec;
  /** task: gan — discriminator steps per generator step (default 1). */
  readonly discriminatorSteps?: number;
}

/** `init`: start from the weights of another run (transfer learning). */
export interface InitSpec {
  /** A run folder, or a model file whose latest completed run is used; relative to the model file. */
  readonly from: string;
  /** Layer ids to copy; undefined means every layer whose id and weight shapes match. */
  readonly layers?: readonly string[];
  /** `true` freezes the copied layers; a list freezes those ids; false (default) trains everything. */
  readonly freeze: boolean | readonly string[];
}

export interface ModelSpec {
  readonly name: string;
  readonly description?: string;
  readonly task: Task;
  /** Input shape without the batch dimension. */
  readonly input: Shape;
  readonly data?: DataSpec;
  /** In file order; every layer has a unique id. */
  readonly layers: readonly LayerSpec[];
  readonly train: TrainSpec;
  readonly init?: InitSpec;
  /** task: gan. `layers` then holds the discriminator's layers (the network that takes `input`). */
  readonly gan?: GanSpec;
}

export interface GanSpec {
  /** Length of the noise vector z the generator takes. */
  readonly latent: number;
  /** Maps z `[latent]` to an example shaped like `input`. */
  readonly generator: readonly LayerSpec[];
  /** Maps an example `input` to one probability `[1]` that it is real. */
  readonly discriminator: readonly LayerSpec[];
}

export interface ReceptiveField {
  /** Receptive field size `[h, w]` in input pixels. */
  readonly size: readonly [number, number];
  /** Distance in input pixels between neighbouring outputs `[h, w]`. */
  readonly jump: readonly [number, number];
}

export interface LayerInfo {
  readonly id: string;
  /** The layer type as written (may be unknown). */
  readonly type: string;
  /** Producer ids in input order (`input` is the model input); empty when `from` is broken. */
  readonly inputIds: readonly string[];
  /** One shape per input; empty when an input's shape is unknown. */
  readonly inputShapes: readonly Shape[];
  /** Null when it cannot be inferred (this or an earlier layer has an error). */
  readonly outputShape: Shape | null;
  readonly params: number;
  readonly trainableParams: number;
  /** Set when `init.freeze` freezes the layer (its trainableParams are then 0). */
  readonly frozen?: true;
  /** Multiply-accumulates of dense and convolution layers for one example; 0 for other layers. */
  readonly macs: number;
  readonly receptiveField: ReceptiveField | null;
  /** e.g. `3·3·8·16 + 16 = 1,168`; empty for layers without weights. */
  readonly paramFormula: string;
  /** 1-based line of the layer entry. */
  readonly line: number;
  /** The whole layer entry. */
  readonly range: Range;
}

export interface ModelTotals {
  readonly params: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
}

/** Source ranges of the `init` section, for diagnostics found when its weights load. */
export interface InitRanges {
  readonly from: Range;
  /** Each id listed in `init.layers`. */
  readonly layers: readonly { readonly id: string; readonly range: Range }[];
}

export interface ModelCheck {
  readonly name: string;
  /** Present when the file has a valid `init` section. */
  readonly init?: { readonly spec: InitSpec; readonly ranges: InitRanges };
  /** Present only when there are no errors: safe to build and train. */
  readonly spec?: ModelSpec;
  /** In file order. */
  readonly layers: readonly LayerInfo[];
  readonly outputShape: Shape | null;
  readonly totals: ModelTotals;
  /** Sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}
