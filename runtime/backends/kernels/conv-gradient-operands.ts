// The inputs and attributes of tfjs's two conv2d gradient kernels, checked once for the four LayerLens kernels that
// compute them (im2col/col2im on wasm, and the conv-of-transposes formulations they fall back to).
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropInputAttrs, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

interface KernelArgs {
  readonly inputs: NamedTensorInfoMap;
  readonly attrs?: NamedAttrMap;
}

/** Conv2DBackpropFilter: x [n, h, w, cIn], dy [n, outH, outW, cOut] (NHWC), and its attributes. */
export function backpropFilterOperands({ inputs, attrs }: KernelArgs): { x: TensorInfo; dy: TensorInfo; attrs: Conv2DBackpropFilterAttrs } {
  const { x, dy } = inputs;
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter: inputs x and dy are required');
  return { x, dy, attrs: attrs as unknown as Conv2DBackpropFilterAttrs };
}

/** Conv2DBackpropInput: dy [n, outH, outW, cOut], filter [fh, fw, cIn, cOut], and its attributes. */
export function backpropInputOperands({ inputs, attrs }: KernelArgs): { dy: TensorInfo; filter: TensorInfo; attrs: Conv2DBackpropInputAttrs } {
  const { dy, filter } = inputs;
  if (dy === undefined || filter === undefined) throw new Error('Conv2DBackpropInput: inputs dy and filter are required');
  return { dy, filter, attrs: attrs as unknown as Conv2DBackpropInputAttrs };
}
