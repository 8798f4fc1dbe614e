// Sum and Mean over the leading axes on wasm (bias gradients sum dy [n, h, w, c] over n, h and w; batch normalisation
// takes the mean and variance over them). The stock kernels first transpose the reduced axes innermost, a full copy
// of the input, then reduce each row; here every row of x viewed as [rows, c] is added into one [c] accumulator in
// place (add2d with a zero destination stride), in the same row order; Mean then divides by the row count in float32.
//
// Shapes: x [d0, …, dk−1, …rest], axes [0 … k−1] with k < rank → [...rest] (keepDims: [1 × k, ...rest]).
// Other axes, non-float32 input and all-axes reductions (already innermost, no transpose) use the stock kernels.
import { util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, SumAttrs } from '@tensorflow/tfjs';
import { float32View, isWasmHeap } from './backend-memory';
import { stridedAdd } from './strided-copies';

/** Sum (or, with `mean`, Mean: same attributes) over leading axes; `stock` covers the rest. */
export function makeReduceLeadingAxes(stock: KernelFunc, mean: boolean): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x } = inputs;
    const { axis, keepDims } = attrs as unknown as SumAttrs;
    if (x === undefined) throw new Error('Sum/Mean: input x is required');
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    const add = isWasmHeap(kernelBackend) ? stridedAdd(kernelBackend) : undefined;
    if (!leading || x.dtype !== 'float32' || !add || !isWasmHeap(kernelBackend)) return stock(args);
    const rest = x.shape.slice(axes.length);
    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const columns = util.sizeFromShape(rest);
    const out = kernelBackend.makeOutput(keepDims ? [...axes.map(() => 1), ...rest] : rest, 'float32');
    const values = float32View(kernelBackend, out);
    values.fill(0);
    add(float32View(kernelBackend, x).byteOffset, values.byteOffset, rows, columns, columns * 4, 0);
    if (mean) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / rows;
    return out;
  };
}
