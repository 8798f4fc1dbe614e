// Output shape of each layer type, exactly as Keras computes it. Shapes exclude the batch dimension.
import type { LayerBody } from './layer-catalog';
import type { DiagnosticCode, LayerType, Padding, Shape } from './types';

/** A layer's own fields; a full LayerSpec is accepted too. */
export type LayerParams = LayerBody<LayerType>;

export type InferResult =
  | { readonly ok: true; readonly shape: Shape }
  | { readonly ok: false; readonly code: DiagnosticCode; readonly message: string; /** Parameter to point at. */ readonly param?: string };

/** Shapes with more elements per example are refused. */
export const MAX_OUTPUT_ELEMENTS = 1e10;

const fail = (code: DiagnosticCode, message: string, param?: string): InferResult =>
  param === undefined ? { ok: false, code, message } : { ok: false, code, message, param };

export const formatShape = (shape: Shape): string => `[${shape.join(', ')}]`;

/** Keras `conv_output_length`: valid `floor((n − k_eff) / s) + 1` with `k_eff = (k − 1)·d + 1`; same `ceil(n / s)`. */
export function convOutputLength(n: number, kernel: number, stride: number, padding: Padding, dilation = 1): number {
  const effective = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - effective) / stride) + 1;
}

/** Keras `deconv_output_length` (no output padding): valid `n·s + max(k − s, 0)` (= `(n − 1)·s + k` when k ≥ s); same `n·s`. */
export function deconvOutputLength(n: number, kernel: number, stride: number, padding: Padding): number {
  return padding === 'same' ? n * stride : n * stride + Math.max(kernel - stride, 0);
}

export function inferOutputShape(layer: LayerParams, inputs: readonly Shape[]): InferResult {
  const [input] = inputs;
  if (!input) return fail('input-count', `'${layer.type}' has no input`);
  const result = inferUnchecked(layer, input, inputs);
  if (!result.ok) return result;
  if (result.shape.reduce((a, b) => a * b, 1) > MAX_OUTPUT_ELEMENTS) {
    return fail('too-large', `output ${formatShape(result.shape)} has more than ${MAX_OUTPUT_ELEMENTS} elements per example`);
  }
  return result;
}

function inferUnchecked(layer: LayerParams, input: Shape, inputs: readonly Shape[]): InferResult {
  switch (layer.type) {
    case 'dense':
      return { ok: true, shape: [...input.slice(0, -1), layer.units] };
    case 'conv2d':
      if (Math.max(...layer.dilation) > 1 && Math.max(...layer.stride) > 1) {
        return fail('bad-value', 'conv2d: dilation > 1 cannot be combined with stride > 1 (Keras)', 'dilation');
      }
      return spatial(layer.type, input, (n, axis) =>
        convOutputLength(n, layer.kernel[axis], layer.stride[axis], layer.padding, layer.dilation[axis]), 'kernel', layer.filters);
    case 'depthwiseConv2d':
      return spatial(layer.type, input, (n, axis) =>
        convOutputLength(n, layer.kernel[axis], layer.stride[axis], layer.padding), 'kernel', (input[2] ?? 0) * layer.depthMultiplier);
    case 'separableConv2d':
      if (Math.max(...layer.dilation) > 1 && Math.max(...layer.stride) > 1) {
        return fail('bad-value', 'separableConv2d: dilation > 1 cannot be combined with stride > 1 (Keras)', 'dilation');
      }
      return spatial(layer.type, input, (n, axis) =>
        convOutputLength(n, layer.kernel[axis], layer.stride[axis], layer.padding, layer.dilation[axis]), 'kernel', layer.filters);
    case 'conv2dTranspose':
      return spatial(layer.type, input, (n, axis) =>
        deconvOutputLength(n, layer.kernel[axis], layer.stride[axis], layer.padding), 'kernel', layer.filters);
    case 'maxPool2d':
    case 'avgPool2d':
      return spatial(layer.type, input, (n, axis) =>
        convOutputLength(n, layer.pool[axis], layer.stride[axis], layer.padding), 'pool');
    case 'upSampling2d':
      return spatial(layer.type, input, (n, axis) => n * layer.size[axis], 'size');
    case 'zeroPadding2d':
      return spatial(layer.type, input, (n, axis) => n + layer.padding[axis][0] + layer.padding[axis][1], 'padding');
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
      return input.length === 3 ? { ok: true, shape: [input[2] ?? 0] } : rankError(layer.type, input);
    case 'flatten':
      return { ok: true, shape: [input.reduce((a, b) => a * b, 1)] };
    case 'dropout':
    case 'batchNormalization':
    case 'activation':
      return { ok: true, shape: input };
    case 'reshape':
      return reshape(layer.shape, input);
    case 'add':
    case 'multiply':
      return broadcast(layer.type, inputs);
    case 'concatenate':
      return concatenate(layer.axis, inputs);
    default: {
      const unreachable: never = layer;
      return unreachable;
    }
  }
}

function rankError(type: string, input: Shape): InferResult {
  return fail('rank-mismatch', `'${type}' expects an input [height, width, channels], got ${formatShape(input)}`);
}

/** Layers over `[h, w, c]` that change h and w; `channels` replaces c when given. */
function spatial(type: string, input: Shape, length: (n: number, axis: 0 | 1) => number, param: string, channels?: number): InferResult {
  const [h, w, c] = input;
  if (input.length !== 3 || h === undefined || w === undefined || c === undefined) return rankError(type, input);
  const out: [number, number, number] = [length(h, 0), length(w, 1), channels ?? c];
  if (out[0] <= 0 || out[1] <= 0) {
    const which = out[0] <= 0 ? `height ${out[0]}` : `width ${out[1]}`;
    return fail('non-positive-output', `'${type}' output ${which} ≤ 0 for input ${formatShape(input)}: use a smaller '${param}', a smaller stride or padding: same`, param);
  }
  return { ok: true, shape: out };
}

function reshape(target: readonly number[], input: Shape): InferResult {
  const total = input.reduce((a, b) => a * b, 1);
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const hasWildcard = target.includes(-1);
  if (hasWildcard ? total % known !== 0 : total !== known) {
    return fail('shape-mismatch', `reshape: cannot reshape ${formatShape(input)} (${total} elements) to ${formatShape(target)}`, 'shape');
  }
  return { ok: true, shape: target.map((d) => (d === -1 ? total / known : d)) };
}

/** Keras merge broadcasting: shapes align at the end; a size-1 dimension stretches to the other. */
function broadcast(type: string, inputs: readonly Shape[]): InferResult {
  const rank = Math.max(...inputs.map((s) => s.length));
  const out: number[] = [];
  for (let back = 1; back <= rank; back++) {
    let size = 1;
    for (const shape of inputs) {
      const dim = shape[shape.length - back] ?? 1;
      if (dim === size || dim === 1) continue;
      if (size !== 1) {
        return fail('shape-mismatch', `'${type}' inputs do not fit: ${inputs.map(formatShape).join(' vs ')} (sizes must be equal or 1)`);
      }
      size = dim;
    }
    out.unshift(size);
  }
  return { ok: true, shape: out };
}

function concatenate(axis: number, inputs: readonly Shape[]): InferResult {
  const rank = inputs[0]?.length ?? 0;
  const listing = inputs.map(formatShape).join(', ');
  if (inputs.some((s) => s.length !== rank)) return fail('shape-mismatch', `concatenate: inputs have different ranks: ${listing}`);
  // Keras counts the batch axis as 0; shapes here start at axis 1.
  const index = axis < 0 ? rank + axis : axis - 1;
  if (axis === 0 || index < 0 || index >= rank) {
    return fail('bad-value', `concatenate: axis ${axis} is outside inputs of rank ${rank} (+ batch)`, 'axis');
  }
  const clash = inputs.some((s) => s.some((d, i) => i !== index && d !== inputs[0]?.[i]));
  if (clash) return fail('shape-mismatch', `concatenate: inputs must match except on axis ${axis}: ${listing}`);
  const out = [...(inputs[0] ?? [])];
  out[index] = inputs.reduce((sum, s) => sum + (s[index] ?? 0), 0);
  return { ok: true, shape: out };
}
