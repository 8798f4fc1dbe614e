// Concat and SplitV on wasm as one strided copy per piece (gather2d in strided-copies.ts). Along axis k a tensor is
// rows = ∏ shape[0..k) rows of ∏ shape[k..) values, and concatenation interleaves the pieces' rows: the stock kernels
// copy row by row from JavaScript (Concat) or through a strided Slice (SplitV, concat's gradient). On the U-Net and
// DenseNet samples, whose skip connections concatenate channels, the two took ~23 ms of a training step.
//
// Shapes: Concat [...pre, a_i, ...post] (i = 0 … m−1) → [...pre, Σ a_i, ...post]; SplitV the reverse.
// float32 and int32 (4-byte values, copied bit for bit); other dtypes, and a concat with fewer than two non-empty
// pieces, use the stock kernels.
import { backend_util, util } from '@tensorflow/tfjs';
import type { ConcatAttrs, KernelBackend, KernelFunc, SplitVAttrs, TensorInfo } from '@tensorflow/tfjs';
import { isWasmHeap } from './backend-memory';
import { stridedGather } from './strided-copies';

const fourByte = (info: TensorInfo): boolean => info.dtype === 'float32' || info.dtype === 'int32';

export function makeConcatRows(stock: KernelFunc): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const pieces = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    const first = pieces[0];
    const gather = isWasmHeap(kernelBackend) ? stridedGather(kernelBackend) : undefined;
    const filled = pieces.filter((t) => util.sizeFromShape(t.shape) > 0);
    if (!first || !gather || !isWasmHeap(kernelBackend) || filled.length < 2 || !pieces.every((t) => fourByte(t) && t.dtype === first.dtype)) {
      return stock(args);
    }
    const axis = util.parseAxisParam((args.attrs as unknown as ConcatAttrs).axis, first.shape)[0] ?? 0;
    backend_util.assertParamsConsistent(pieces.map((t) => t.shape), axis);
    const outShape = backend_util.computeOutShape(pieces.map((t) => t.shape), axis);
    const rows = util.sizeFromShape(first.shape.slice(0, axis));
    const rowSize = util.sizeFromShape(outShape.slice(axis));
    const out = kernelBackend.makeOutput(outShape, first.dtype);
    const outBytes = kernelBackend.typedArrayFromHeap(out).byteOffset;
    let column = 0;
    for (const piece of filled) {
      const size = util.sizeFromShape(piece.shape.slice(axis));
      gather(kernelBackend.typedArrayFromHeap(piece).byteOffset, outBytes + column * 4, rows, size, size * 4, 4, rowSize * 4);
      column += size;
    }
    return out;
  };
}

export function makeSplitVRows(stock: KernelFunc): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const { x } = args.inputs;
    if (x === undefined) throw new Error('SplitV: input x is required');
    const gather = isWasmHeap(kernelBackend) ? stridedGather(kernelBackend) : undefined;
    if (!gather || !isWasmHeap(kernelBackend) || !fourByte(x)) return stock(args);
    const { numOrSizeSplits, axis } = args.attrs as unknown as SplitVAttrs;
    const $axis = util.parseAxisParam(axis, x.shape)[0] ?? 0;
    const sizes = backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
    const rows = util.sizeFromShape(x.shape.slice(0, $axis));
    const inner = util.sizeFromShape(x.shape.slice($axis + 1));
    const rowSize = (x.shape[$axis] ?? 0) * inner;
    const outputs = sizes.map((size) => kernelBackend.makeOutput(x.shape.map((d, i) => (i === $axis ? size : d)), x.dtype));
    // Byte offsets after every allocation; they stay valid when the memory grows (views would not).
    const xBytes = kernelBackend.typedArrayFromHeap(x).byteOffset;
    let column = 0;
    outputs.forEach((out, i) => {
      const size = (sizes[i] ?? 0) * inner;
      if (size > 0 && rows > 0) gather(xBytes + column * 4, kernelBackend.typedArrayFromHeap(out).byteOffset, rows, size, rowSize * 4, 4, size * 4);
      column += size;
    });
    return outputs;
  };
}
