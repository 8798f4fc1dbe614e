// Tile on wasm as block copies inside the backend's memory. The stock kernel computes every output element's source
// by divisions: batch normalisation's gradient tiles a [1, 1, 1, c] vector to the whole activation, and on the
// ResNet and DenseNet samples those Tiles took ~30 ms a call, a third of a training step.
//
// x [s0, …, sk] with reps [r0, …, rk] → out [s0·r0, …, sk·rk]. First x is copied to the corner of out where every rep
// index is 0 (one contiguous run per innermost row of x); then, from the innermost dimension outwards, the block that
// dimension d has so far (its first s_d slices) is repeated r_d times by doubling copyWithin calls, for every
// position of the outer dimensions that lies in that corner. So a [1, 1, 1, c] vector tiled to [n, h, w, c] takes
// about log2(n·h·w) memmoves.
// String and complex64 tensors use the stock kernel.
import { util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TileAttrs } from '@tensorflow/tfjs';
import { isWasmHeap } from './backend-memory';

type Elements = Float32Array | Int32Array | Uint8Array;

export function makeTileCopies(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x } = inputs;
    const { reps } = attrs as unknown as TileAttrs;
    if (x === undefined) throw new Error('Tile: input x is required');
    if (!isWasmHeap(kernelBackend) || x.dtype === 'string' || x.dtype === 'complex64' || reps.length !== x.shape.length) return stock(args);
    const shape = x.shape;
    const outShape = shape.map((size, d) => size * (reps[d] ?? 1));
    const out = kernelBackend.makeOutput(outShape, x.dtype);
    if (util.sizeFromShape(outShape) === 0) return out;
    // Views after the allocation, which may have grown (and so detached) the memory.
    const source = kernelBackend.typedArrayFromHeap(x);
    const target = kernelBackend.typedArrayFromHeap(out);
    tileInto(source, target, shape, outShape);
    return out;
  };
}

/** Row-major strides of `shape`. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = (strides[d + 1] ?? 1) * (shape[d + 1] ?? 1);
  return strides;
}

/** Calls `visit(offset)` for every position of dimensions [0, until) inside `sizes`, with offset Σ i_d·strides_d. */
function forEachCorner(sizes: readonly number[], strides: readonly number[], until: number, visit: (offset: number) => void, d = 0, offset = 0): void {
  if (d === until) {
    visit(offset);
    return;
  }
  for (let i = 0; i < (sizes[d] ?? 0); i++) forEachCorner(sizes, strides, until, visit, d + 1, offset + i * (strides[d] ?? 0));
}

function tileInto(source: Elements, target: Elements, shape: readonly number[], outShape: readonly number[]): void {
  const rank = shape.length;
  if (rank === 0) {
    target.set(source);
    return;
  }
  const outStrides = stridesOf(outShape);
  const row = shape[rank - 1] ?? 0;
  // x into the corner: its innermost rows, one contiguous run each.
  let read = 0;
  forEachCorner(shape, outStrides, rank - 1, (offset) => {
    target.set(source.subarray(read, read + row), offset);
    read += row;
  });
  // Dimension by dimension, innermost first: repeat the block of the first s_d slices r_d times.
  for (let d = rank - 1; d >= 0; d--) {
    const block = (shape[d] ?? 0) * (outStrides[d] ?? 0);
    const total = (outShape[d] ?? 0) * (outStrides[d] ?? 0);
    if (block === total) continue;
    forEachCorner(shape, outStrides, d, (offset) => {
      for (let filled = block; filled < total; filled *= 2) {
        target.copyWithin(offset + filled, offset, offset + Math.min(filled, total - filled));
      }
    });
  }
}
