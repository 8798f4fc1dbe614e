// Sum over the leading axes on wasm (bias gradients: a conv bias sums dy [n, h, w, c] over n, h and w). The stock
// kernel first transposes the reduced axes innermost, a full copy of the input, then reduces each row; here every
// row of x viewed as [rows, c] is added into one [c] accumulator in place (add2d with a zero destination stride),
// in the same row order.
//
// Shapes: x [d0, …, dk−1, …rest], axes [0 … k−1] with k < rank → [...rest] (keepDims: [1 × k, ...rest]).
// Other axes, int32 and all-axes sums (already innermost, no transpose) use the stock kernel.
import { util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, SumAttrs } from '@tensorflow/tfjs';
import { float32View, isWasmHeap } from './backend-memory';
import { stridedAdd } from './strided-copies';

export function makeSumLeadingAxes(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x } = inputs;
    const { axis, keepDims } = attrs as unknown as SumAttrs;
    if (x === undefined) throw new Error('Sum: input x is required');
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    const add = isWasmHeap(kernelBackend) ? stridedAdd(kernelBackend) : undefined;
    if (!leading || x.dtype !== 'float32' || !add || !isWasmHeap(kernelBackend)) return stock(args);
    const rest = x.shape.slice(axes.length);
    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const columns = util.sizeFromShape(rest);
    const out = kernelBackend.makeOutput(keepDims ? [...axes.map(() => 1), ...rest] : rest, 'float32');
    float32View(kernelBackend, out).fill(0);
    add(float32View(kernelBackend, x).byteOffset, float32View(kernelBackend, out).byteOffset, rows, columns, columns * 4, 0);
    return out;
  };
}
