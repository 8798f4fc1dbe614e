// Transpose for wasm in one JavaScript pass over its memory. The stock wasm kernel is ~30× slower than an
// elementwise op on the shapes training produces (e.g. dy [64, 24, 24, 6] → [24, 24, 64, 6] for the conv filter
// gradient: 3.7 ms against 0.13 ms for an add, under load), and the BatchMatMul and Conv2DBackpropFilter fixes
// transpose on every step.
//
// Method: axes of size 1 are dropped and input axes that stay adjacent and in order under `perm` are merged, so
// [64, 24, 24, 6] with perm [1, 2, 0, 3] becomes [64, 576, 6] with perm [1, 0, 2]. The output is then written
// in order: three nested loops up to rank 3 (nearly every case), otherwise an odometer over the outer output
// axes. Dtypes other than float32/int32 use the stock kernel.
import type { KernelBackend, KernelFunc, TensorInfo, TransposeAttrs } from '@tensorflow/tfjs';
import { hasHeap, heapOutput } from './backend-memory';

/** Shape and permutation with size-1 axes removed and runs of consecutive axes merged. */
export function collapseTranspose(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((axis) => (shape[axis] ?? 1) !== 1);
  // Runs of input axes that appear consecutively, in order, in the permutation.
  const runs: number[][] = [];
  for (const axis of kept) {
    const last = runs[runs.length - 1];
    const lastAxis = last?.[last.length - 1];
    if (last !== undefined && lastAxis !== undefined && axis === lastAxis + 1) last.push(axis);
    else runs.push([axis]);
  }
  // Order the runs by their first input axis to get the merged input shape; perm maps output run → input run.
  const byInput = [...runs].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  const mergedShape = byInput.map((run) => run.reduce((size, axis) => size * (shape[axis] ?? 1), 1));
  return { shape: mergedShape, perm: runs.map((run) => byInput.indexOf(run)) };
}

type Readable = ArrayLike<number>;
type Writable = { [i: number]: number };

/** Rank ≤ 3 after collapsing (nearly every transpose): three nested loops, output in order. */
function transposeRank3(input: Readable, output: Writable, outShape: number[], outStrides: number[]): void {
  // Shorter ranks are padded at the front, so the innermost loop is always the output's last axis.
  const [d0 = 1, d1 = 1, d2 = 1] = [1, 1, ...outShape].slice(-3);
  const [s0 = 0, s1 = 0, s2 = 0] = [0, 0, ...outStrides].slice(-3);
  let o = 0;
  for (let i = 0; i < d0; i++) {
    for (let j = 0; j < d1; j++) {
      for (let k = 0, at = i * s0 + j * s1; k < d2; k++, at += s2) output[o++] = input[at] ?? 0;
    }
  }
}

/** Any rank: an odometer over the outer output axes tracks the input offset; the innermost axis is a loop. */
function transposeAnyRank(input: Readable, output: Writable, outShape: number[], outStrides: number[]): void {
  const rank = outShape.length;
  const innerSize = outShape[rank - 1] ?? 1;
  const innerStride = outStrides[rank - 1] ?? 1;
  const index = new Array<number>(rank - 1).fill(0);
  let offset = 0;
  let o = 0;
  const total = input.length;
  while (o < total) {
    for (let j = 0, i = offset; j < innerSize; j++, i += innerStride) output[o++] = input[i] ?? 0;
    for (let axis = rank - 2; axis >= 0; axis--) {
      const next = (index[axis] ?? 0) + 1;
      const stride = outStrides[axis] ?? 0;
      if (next < (outShape[axis] ?? 1)) {
        index[axis] = next;
        offset += stride;
        break;
      }
      index[axis] = 0;
      offset -= stride * (next - 1);
    }
  }
}

/** Writes `input` (shape `shape`) transposed by `perm` into `output`. */
export function transposeInto(input: Readable, output: Writable, shape: number[], perm: number[]): void {
  const rank = shape.length;
  const inStrides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) inStrides[axis] = (inStrides[axis + 1] ?? 1) * (shape[axis + 1] ?? 1);
  const outShape = perm.map((axis) => shape[axis] ?? 1);
  const outStrides = perm.map((axis) => inStrides[axis] ?? 0); // input stride of each output axis
  if (rank <= 3) transposeRank3(input, output, outShape, outStrides);
  else transposeAnyRank(input, output, outShape, outStrides);
}

/** Builds the Transpose kernel for wasm; `stock` handles dtypes other than float32/int32. */
export function makeTransposeOnePass(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x } = inputs;
    const { perm } = attrs as unknown as TransposeAttrs;
    if (x === undefined) throw new Error('Transpose: input x is required');
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || !hasHeap(kernelBackend)) return stock(args);
    const outShape = perm.map((axis) => x.shape[axis] ?? 1);
    const { out, outValues, inValues } = heapOutput(kernelBackend, x, outShape, x.dtype);
    const collapsed = collapseTranspose(x.shape, perm);
    transposeInto(inValues, outValues, collapsed.shape, collapsed.perm);
    return out satisfies TensorInfo;
  };
}
