// Sum over leading axes (the bias gradient: dy [n, h, w, c] summed over [0, 1, 2]; dense dy [n, units] over
// [0]) for wasm in one JavaScript pass. The stock wasm kernel reduces only innermost axes, so it first
// transposes the whole input with its slow Transpose (~2.8 ms for [64, 24, 24, 6] under load, against 0.13 ms
// for an add). Here rows of the trailing (kept) size are added into float64 accumulators in memory order.
// Other axis sets, dtypes other than float32, and the cpu backend use the stock kernel.
import { util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, SumAttrs } from '@tensorflow/tfjs';
import { hasHeap, heapOutput } from './backend-memory';

/** The reduced axes as a sorted list of non-negative axes, or undefined when they are not 0, 1, …, k − 1 (k ≥ 1). */
function leadingAxes(axis: number | number[], rank: number): number[] | undefined {
  const axes = util.parseAxisParam(axis, new Array<number>(rank).fill(1)).sort((a, b) => a - b);
  const isLeading = axes.length > 0 && axes.length < rank && axes.every((value, i) => value === i);
  return isLeading ? axes : undefined;
}

/** Builds the Sum kernel for wasm; `stock` handles everything but float32 sums over leading axes. */
export function makeSumLeadingAxes(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x } = inputs;
    const { axis, keepDims } = attrs as unknown as SumAttrs;
    if (x === undefined) throw new Error('Sum: input x is required');
    const axes = leadingAxes(axis, x.shape.length);
    if (axes === undefined || x.dtype !== 'float32' || !hasHeap(kernelBackend)) return stock(args);
    const kept = x.shape.slice(axes.length);
    const rowSize = kept.reduce((a, b) => a * b, 1);
    const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    const outShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
    const { out, outValues, inValues } = heapOutput(kernelBackend, x, outShape, 'float32');
    const totals = new Float64Array(rowSize);
    for (let r = 0, base = 0; r < rows; r++, base += rowSize) {
      for (let k = 0; k < rowSize; k++) totals[k] = (totals[k] ?? 0) + (inValues[base + k] ?? 0);
    }
    outValues.set(totals);
    return out;
  };
}
