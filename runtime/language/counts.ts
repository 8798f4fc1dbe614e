// Parameters (with the formula), multiply-accumulates and receptive field of each layer.
import type { LayerParams } from './infer';
import type { ReceptiveField, Shape } from './types';

export interface LayerCounts {
  readonly params: number;
  readonly trainableParams: number;
  /** Multiply-accumulates for one example (dense and convolutions only). */
  readonly macs: number;
  /** e.g. `3·3·8·16 + 16 = 1,168`; empty for layers without weights. */
  readonly formula: string;
}

/** `1234567` → `1,234,567`, independent of the locale. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e21) return value.toExponential(3);
  const [whole = '', fraction] = String(Math.round(value * 100) / 100).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const product = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1);
const NONE: LayerCounts = { params: 0, trainableParams: 0, macs: 0, formula: '' };

function weights(factors: readonly number[], bias: number, macs: number): LayerCounts {
  const params = product(factors) + bias;
  const terms = factors.join('·') + (bias > 0 ? ` + ${bias}` : '');
  return { params, trainableParams: params, macs, formula: `${terms} = ${formatCount(params)}` };
}

/**
 * Keras SeparableConv2D: depthwise kernel kh·kw·c·m, pointwise kernel 1·1·(c·m)·filters, bias per filter.
 * MACs: the depthwise step kh·kw·c·m and the pointwise step c·m·filters per output pixel.
 */
function separable(kernel: readonly [number, number], channelsIn: number, multiplier: number, filters: number, useBias: boolean, output: Shape): LayerCounts {
  const [kh, kw] = kernel;
  const depthwise = kh * kw * channelsIn * multiplier;
  const pointwise = channelsIn * multiplier * filters;
  const bias = useBias ? filters : 0;
  const params = depthwise + pointwise + bias;
  const formula = `${kh}·${kw}·${channelsIn}·${multiplier} + ${channelsIn * multiplier}·${filters}${bias > 0 ? ` + ${bias}` : ''} = ${formatCount(params)}`;
  return { params, trainableParams: params, macs: product(output.slice(0, 2)) * (depthwise + pointwise), formula };
}

export function countLayer(layer: LayerParams, inputs: readonly Shape[], output: Shape): LayerCounts {
  const input = inputs[0] ?? [];
  const channelsIn = input[input.length - 1] ?? 0;
  switch (layer.type) {
    case 'dense':
      return weights([channelsIn, layer.units], layer.useBias ? layer.units : 0, product(output.slice(0, -1)) * channelsIn * layer.units);
    case 'conv2d': {
      const [kh, kw] = layer.kernel;
      return weights([kh, kw, channelsIn, layer.filters], layer.useBias ? layer.filters : 0,
        product(output.slice(0, 2)) * kh * kw * channelsIn * layer.filters);
    }
    case 'depthwiseConv2d': {
      // Keras depthwise kernel [kh, kw, channelsIn, depthMultiplier]; one bias per output channel.
      const [kh, kw] = layer.kernel;
      const channelsOut = channelsIn * layer.depthMultiplier;
      return weights([kh, kw, channelsIn, layer.depthMultiplier], layer.useBias ? channelsOut : 0,
        product(output.slice(0, 2)) * kh * kw * channelsOut);
    }
    case 'separableConv2d':
      return separable(layer.kernel, channelsIn, layer.depthMultiplier, layer.filters, layer.useBias, output);
    case 'conv2dTranspose': {
      // Keras kernel shape is [kh, kw, filters, channelsIn]; each input pixel scatters a kh·kw·filters patch.
      const [kh, kw] = layer.kernel;
      return weights([kh, kw, layer.filters, channelsIn], layer.useBias ? layer.filters : 0,
        product(input.slice(0, 2)) * kh * kw * channelsIn * layer.filters);
    }
    case 'batchNormalization': {
      // gamma and beta are trained; the moving mean and variance are not.
      const params = 4 * channelsIn;
      return { params, trainableParams: 2 * channelsIn, macs: 0, formula: `4·${channelsIn} = ${formatCount(params)} (2·${channelsIn} = ${formatCount(2 * channelsIn)} trainable)` };
    }
    case 'maxPool2d': case 'avgPool2d': case 'globalAveragePooling2d': case 'globalMaxPooling2d':
    case 'flatten': case 'dropout': case 'activation': case 'reshape': case 'upSampling2d':
    case 'zeroPadding2d': case 'add': case 'multiply': case 'concatenate':
      return NONE;
    default: {
      const unreachable: never = layer;
      return unreachable;
    }
  }
}

/** The receptive field of an image input: each output sees one pixel, neighbours one pixel apart. */
export function inputReceptiveField(input: Shape): ReceptiveField | null {
  return input.length === 3 ? { size: [1, 1], jump: [1, 1] } : null;
}

type Axis = 0 | 1;
const AXES: readonly Axis[] = [0, 1];

function grow(field: ReceptiveField, kernel: (axis: Axis) => number, stride: (axis: Axis) => number): ReceptiveField {
  const [size0, size1] = AXES.map((a) => field.size[a] + (kernel(a) - 1) * field.jump[a]);
  const [jump0, jump1] = AXES.map((a) => field.jump[a] * stride(a));
  return { size: [size0 ?? 0, size1 ?? 0], jump: [jump0 ?? 0, jump1 ?? 0] };
}

/**
 * Receptive field in input pixels (size and jump along h and w). Merges take the maximum;
 * global pooling and flatten see the whole map; layers on non-image inputs have none.
 */
export function receptiveField(layer: LayerParams, inputs: readonly (ReceptiveField | null)[], inputShapes: readonly Shape[]): ReceptiveField | null {
  const field = inputs[0];
  const shape = inputShapes[0] ?? [];
  if (layer.type === 'add' || layer.type === 'multiply' || layer.type === 'concatenate') {
    const known = inputs.filter((f): f is ReceptiveField => f !== null);
    if (known.length === 0) return null;
    const max = (pick: (f: ReceptiveField) => number) => Math.max(...known.map(pick));
    return { size: [max((f) => f.size[0]), max((f) => f.size[1])], jump: [max((f) => f.jump[0]), max((f) => f.jump[1])] };
  }
  if (!field) return null;
  switch (layer.type) {
    case 'conv2d':
    case 'separableConv2d':
      return grow(field, (a) => (layer.kernel[a] - 1) * layer.dilation[a] + 1, (a) => layer.stride[a]);
    case 'depthwiseConv2d':
      return grow(field, (a) => layer.kernel[a], (a) => layer.stride[a]);
    case 'maxPool2d':
    case 'avgPool2d':
      return grow(field, (a) => layer.pool[a], (a) => layer.stride[a]);
    case 'conv2dTranspose': {
      // Each output pixel gathers ceil(k / s) input pixels along an axis; outputs are s times closer.
      const seen = grow(field, (a) => Math.ceil(layer.kernel[a] / layer.stride[a]), () => 1);
      return { size: seen.size, jump: [field.jump[0] / layer.stride[0], field.jump[1] / layer.stride[1]] };
    }
    case 'upSampling2d':
      return { size: field.size, jump: [field.jump[0] / layer.size[0], field.jump[1] / layer.size[1]] };
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
    case 'flatten':
      return shape.length === 3 ? grow(field, (a) => shape[a] ?? 1, () => 1) : field;
    case 'dense': case 'dropout': case 'batchNormalization': case 'activation': case 'reshape': case 'zeroPadding2d':
      return field;
    default: {
      const unreachable: never = layer;
      return unreachable;
    }
  }
}
