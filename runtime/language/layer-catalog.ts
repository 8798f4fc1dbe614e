// The layer types of the format: documentation, parameters, Keras defaults and value validation.
import type { MapReader, NumberRule } from './map-reader';
import { ACTIVATIONS, PADDINGS, type LayerSpec, type LayerType } from './types';

export interface ParamDoc {
  readonly name: string;
  readonly doc: string;
  /** Human-readable default; absent for required parameters. */
  readonly default?: string;
}

/** A layer's own fields (distributes over unions of types). */
export type LayerBody<T extends LayerType> = T extends LayerType ? Omit<Extract<LayerSpec, { type: T }>, 'id' | 'from'> : never;

export interface LayerDef<T extends LayerType> {
  readonly type: T;
  /** Keras layer name in snake_case, used for generated ids (`conv2d_1`). */
  readonly kerasName: string;
  readonly doc: string;
  readonly params: readonly ParamDoc[];
  /** `one`: exactly one input; `many`: a merge of two or more inputs given by `from`. */
  readonly inputs: 'one' | 'many';
  /** Reads and validates the parameters (with Keras defaults); must ask the reader for every documented parameter. */
  readonly build: (r: MapReader) => LayerBody<T>;
}

const COUNT: NumberRule = { integer: true, min: 1, max: 1_000_000 };
const WINDOW: NumberRule = { integer: true, min: 1, max: 10_000 };
const ONE: readonly [number, number] = [1, 1];

const ACTIVATION_DOC: ParamDoc = { name: 'activation', doc: `Activation: ${ACTIVATIONS.join(', ')}.`, default: 'linear' };
const USE_BIAS_DOC: ParamDoc = { name: 'useBias', doc: 'Whether to add a bias vector.', default: 'true' };
const MULTIPLIER: NumberRule = { integer: true, min: 1, max: 10_000 };
const DEPTH_MULTIPLIER_DOC: ParamDoc = { name: 'depthMultiplier', doc: 'Depthwise kernels per input channel.', default: '1' };
const PADDING_DOC: ParamDoc = { name: 'padding', doc: '`valid` (no padding) or `same` (output size = ceil(input / stride)).', default: 'valid' };

function readConv(r: MapReader) {
  return { filters: r.requiredNumber('filters', COUNT, 1), ...readWindowedConv(r) };
}

/** Convolution parameters besides `filters` (depthwise convolution has none: its channels follow from the input). */
function readWindowedConv(r: MapReader) {
  return {
    kernel: r.requiredPair('kernel', WINDOW, ONE),
    stride: r.pair('stride', WINDOW, ONE),
    padding: r.enumValue('padding', PADDINGS, 'valid'),
    activation: r.enumValue('activation', ACTIVATIONS, 'linear'),
    useBias: r.bool('useBias', true),
  };
}

function readPool(r: MapReader) {
  const pool = r.requiredPair('pool', WINDOW, [2, 2]);
  return { pool, stride: r.pair('stride', WINDOW, pool), padding: r.enumValue('padding', PADDINGS, 'valid') };
}

const POOL_PARAMS: readonly ParamDoc[] = [
  { name: 'pool', doc: 'Window size: a number or `[h, w]`.' },
  { name: 'stride', doc: 'Step: a number or `[h, w]`.', default: 'pool' },
  PADDING_DOC,
];

export const LAYER_CATALOG: { readonly [T in LayerType]: LayerDef<T> } = {
  dense: {
    type: 'dense', kerasName: 'dense', inputs: 'one',
    doc: 'Fully connected layer. On an input of rank > 1 it applies to the last axis (Keras).',
    params: [{ name: 'units', doc: 'Number of outputs.' }, ACTIVATION_DOC, USE_BIAS_DOC],
    build: (r) => ({
      type: 'dense',
      units: r.requiredNumber('units', COUNT, 1),
      activation: r.enumValue('activation', ACTIVATIONS, 'linear'),
      useBias: r.bool('useBias', true),
    }),
  },
  conv2d: {
    type: 'conv2d', kerasName: 'conv2d', inputs: 'one',
    doc: '2-D convolution over `[h, w, channels]`.',
    params: [
      { name: 'filters', doc: 'Number of output channels.' },
      { name: 'kernel', doc: 'Kernel size: a number or `[h, w]`.' },
      { name: 'stride', doc: 'Step: a number or `[h, w]`.', default: '1' },
      PADDING_DOC,
      { name: 'dilation', doc: 'Dilation rate: a number or `[h, w]`; cannot be combined with stride > 1.', default: '1' },
      ACTIVATION_DOC, USE_BIAS_DOC,
    ],
    build: (r) => ({ type: 'conv2d', ...readConv(r), dilation: r.pair('dilation', WINDOW, ONE) }),
  },
  conv2dTranspose: {
    type: 'conv2dTranspose', kerasName: 'conv2d_transpose', inputs: 'one',
    doc: 'Transposed 2-D convolution (learned upsampling).',
    params: [
      { name: 'filters', doc: 'Number of output channels.' },
      { name: 'kernel', doc: 'Kernel size: a number or `[h, w]`.' },
      { name: 'stride', doc: 'Upsampling factor: a number or `[h, w]`.', default: '1' },
      PADDING_DOC, ACTIVATION_DOC, USE_BIAS_DOC,
    ],
    build: (r) => ({ type: 'conv2dTranspose', ...readConv(r) }),
  },
  depthwiseConv2d: {
    type: 'depthwiseConv2d', kerasName: 'depthwise_conv2d', inputs: 'one',
    doc: 'Depthwise 2-D convolution: each input channel gets its own `depthMultiplier` kernels, channels are not mixed (MobileNet). Output channels = input channels × depthMultiplier.',
    params: [
      { name: 'kernel', doc: 'Kernel size: a number or `[h, w]`.' },
      { name: 'stride', doc: 'Step: a number or `[h, w]`.', default: '1' },
      PADDING_DOC, DEPTH_MULTIPLIER_DOC, ACTIVATION_DOC, USE_BIAS_DOC,
    ],
    build: (r) => ({ type: 'depthwiseConv2d', ...readWindowedConv(r), depthMultiplier: r.number('depthMultiplier', MULTIPLIER, 1) }),
  },
  separableConv2d: {
    type: 'separableConv2d', kerasName: 'separable_conv2d', inputs: 'one',
    doc: 'Depthwise-separable 2-D convolution: a depthwise convolution, then a 1×1 convolution to `filters` channels (Xception, MobileNet); far fewer parameters and MACs than conv2d.',
    params: [
      { name: 'filters', doc: 'Number of output channels.' },
      { name: 'kernel', doc: 'Kernel size of the depthwise step: a number or `[h, w]`.' },
      { name: 'stride', doc: 'Step: a number or `[h, w]`.', default: '1' },
      PADDING_DOC,
      { name: 'dilation', doc: 'Dilation rate: a number or `[h, w]`; cannot be combined with stride > 1.', default: '1' },
      DEPTH_MULTIPLIER_DOC, ACTIVATION_DOC, USE_BIAS_DOC,
    ],
    build: (r) => ({
      type: 'separableConv2d', ...readConv(r), dilation: r.pair('dilation', WINDOW, ONE),
      depthMultiplier: r.number('depthMultiplier', MULTIPLIER, 1),
    }),
  },
  maxPool2d: {
    type: 'maxPool2d', kerasName: 'max_pooling2d', inputs: 'one',
    doc: 'Maximum over each window.', params: POOL_PARAMS,
    build: (r) => ({ type: 'maxPool2d', ...readPool(r) }),
  },
  avgPool2d: {
    type: 'avgPool2d', kerasName: 'average_pooling2d', inputs: 'one',
    doc: 'Average over each window.', params: POOL_PARAMS,
    build: (r) => ({ type: 'avgPool2d', ...readPool(r) }),
  },
  globalAveragePooling2d: {
    type: 'globalAveragePooling2d', kerasName: 'global_average_pooling2d', inputs: 'one',
    doc: 'Average over height and width: `[h, w, c]` → `[c]`.', params: [],
    build: () => ({ type: 'globalAveragePooling2d' }),
  },
  globalMaxPooling2d: {
    type: 'globalMaxPooling2d', kerasName: 'global_max_pooling2d', inputs: 'one',
    doc: 'Maximum over height and width: `[h, w, c]` → `[c]`.', params: [],
    build: () => ({ type: 'globalMaxPooling2d' }),
  },
  flatten: {
    type: 'flatten', kerasName: 'flatten', inputs: 'one',
    doc: 'Flattens the input to rank 1.', params: [],
    build: () => ({ type: 'flatten' }),
  },
  dropout: {
    type: 'dropout', kerasName: 'dropout', inputs: 'one',
    doc: 'Randomly zeroes a fraction of the inputs while training.',
    params: [{ name: 'rate', doc: 'Fraction to drop, in [0, 1).' }],
    build: (r) => ({ type: 'dropout', rate: r.requiredNumber('rate', { min: 0, max: 1, exclusiveMax: true }, 0) }),
  },
  batchNormalization: {
    type: 'batchNormalization', kerasName: 'batch_normalization', inputs: 'one',
    doc: 'Normalizes each channel (last axis); 4 parameters per channel, 2 of them trainable (gamma, beta).',
    params: [
      { name: 'momentum', doc: 'Weight of the old value when updating the moving mean and variance used at inference, in [0, 1). '
        + 'With 0.99 they need about 5 / (1 − 0.99) = 500 steps to converge; small runs want 0.9.', default: '0.99' },
      { name: 'epsilon', doc: 'Added to the variance before dividing, for numerical stability (> 0).', default: '0.001' },
    ],
    build: (r) => ({
      type: 'batchNormalization',
      momentum: r.number('momentum', { min: 0, max: 1, exclusiveMax: true }, 0.99),
      epsilon: r.number('epsilon', { min: 0, exclusiveMin: true, max: 1 }, 0.001),
    }),
  },
  activation: {
    type: 'activation', kerasName: 'activation', inputs: 'one',
    doc: 'Applies an activation function.',
    params: [
      { name: 'fn', doc: `Function: ${ACTIVATIONS.join(', ')}.` },
      { name: 'alpha', doc: 'Negative slope of leakyRelu (default 0.3) or scale of elu (default 1).' },
    ],
    build: (r) => {
      const fn = r.requiredEnum('fn', ACTIVATIONS, 'linear');
      const alpha = r.optionalNumber('alpha', { min: 0, max: 1_000 });
      const defaultAlpha = fn === 'leakyRelu' ? 0.3 : fn === 'elu' ? 1 : undefined;
      const chosen = alpha ?? defaultAlpha;
      return chosen === undefined ? { type: 'activation', fn } : { type: 'activation', fn, alpha: chosen };
    },
  },
  reshape: {
    type: 'reshape', kerasName: 'reshape', inputs: 'one',
    doc: 'Reshapes to `shape` (without batch); one entry may be -1.',
    params: [{ name: 'shape', doc: 'Target shape, e.g. `[1, 1, 16]`.' }],
    build: (r) => {
      if (!r.has('shape')) r.requiredNumber('shape', COUNT, 1);
      return { type: 'reshape', shape: r.intList('shape', { integer: true, min: 1, max: 100_000_000 }, true) ?? [1] };
    },
  },
  upSampling2d: {
    type: 'upSampling2d', kerasName: 'up_sampling2d', inputs: 'one',
    doc: 'Repeats rows and columns (nearest neighbour).',
    params: [{ name: 'size', doc: 'Factor: a number or `[h, w]`.', default: '2' }],
    build: (r) => ({ type: 'upSampling2d', size: r.pair('size', { integer: true, min: 1, max: 1_000 }, [2, 2]) }),
  },
  zeroPadding2d: {
    type: 'zeroPadding2d', kerasName: 'zero_padding2d', inputs: 'one',
    doc: 'Adds rows and columns of zeros around the image.',
    params: [{ name: 'padding', doc: 'A number, `[h, w]` or `[[top, bottom], [left, right]]`.', default: '1' }],
    build: (r) => ({ type: 'zeroPadding2d', padding: r.padding2d('padding', [ONE, ONE]) }),
  },
  add: {
    type: 'add', kerasName: 'add', inputs: 'many',
    doc: 'Element-wise sum of the `from` inputs (size-1 dimensions broadcast).', params: [],
    build: () => ({ type: 'add' }),
  },
  multiply: {
    type: 'multiply', kerasName: 'multiply', inputs: 'many',
    doc: 'Element-wise product of the `from` inputs (size-1 dimensions broadcast).', params: [],
    build: () => ({ type: 'multiply' }),
  },
  concatenate: {
    type: 'concatenate', kerasName: 'concatenate', inputs: 'many',
    doc: 'Joins the `from` inputs along `axis`.',
    params: [{ name: 'axis', doc: 'Keras axis (the batch axis is 0; -1 is the last, e.g. channels).', default: '-1' }],
    build: (r) => ({ type: 'concatenate', axis: r.number('axis', { integer: true, min: -8, max: 8 }, -1) }),
  },
};

export const LAYER_TYPES = Object.keys(LAYER_CATALOG) as LayerType[];

export function isLayerType(name: string): name is LayerType {
  return Object.prototype.hasOwnProperty.call(LAYER_CATALOG, name);
}

/** Parameters every layer accepts besides its own. */
export const COMMON_PARAMS: readonly ParamDoc[] = [
  { name: 'id', doc: 'Name other layers use in `from`; generated (e.g. `conv2d_1`) when absent.' },
  { name: 'from', doc: 'Input layer id(s); `input` is the model input. Default: the previous layer.' },
];

export function layerDef(type: LayerType): LayerDef<LayerType> {
  return LAYER_CATALOG[type];
}
