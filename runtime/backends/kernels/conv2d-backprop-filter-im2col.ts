// Conv2DBackpropFilter on wasm as one matrix product of an im2col matrix and dy, with no transposes.
// The conv-of-transposes formulation (conv2d-backprop-filter.ts) runs a conv whose "filter" is all of dy: on LeNet's
// first layer (x [64,28,28,1], dy [64,24,24,6]) XNNPACK reached ~4 GFLOP/s on it, plus 0.7 ms to transpose dy.
//
// Shapes (NHWC):  x [n, h, w, cIn],  dy [n, outH, outW, cOut],  result [fh, fw, cIn, cOut].
//   cols [fh·fw·cIn, n·outH·outW]:  cols[(i, j, ci), (b, p, q)] = x[b, p·sH + i − padTop, q·sW + j − padLeft, ci]
//                                   (0 outside x)
//   dW = cols · dy reshaped to [n·outH·outW, cOut]  →  [fh·fw·cIn, cOut], which is dW's own layout.
// cols is built by strided copies in wasm (strided-copies.ts) and multiplied by the backend's BatchMatMul. To bound
// its memory, images are taken in chunks of at most `maxColumnFloats` floats of cols, and the chunks' products
// added up.
import { Add, BatchMatMul, Reshape, backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { float32View, isWasmHeap } from './backend-memory';
import { DEFAULT_MAX_COLUMN_FLOATS, imageRows, imagesPerChunk } from './batch-chunks';
import { callKernel, disposeIntermediates, trackedKernelCaller } from './kernel-call';
import { backpropFilterOperands } from './conv-gradient-operands';
import { stridedGather, type Gather2d } from './strided-copies';

/**
 * Builds the kernel for the wasm backend; `fallback` (the conv-of-transposes kernel) takes NCHW, non-float32 tensors
 * and backends without a heap.
 */
export function makeConv2DBackpropFilterIm2col(backendName: string, fallback: KernelFunc, maxColumnFloats = DEFAULT_MAX_COLUMN_FLOATS): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const { x, dy, attrs: { strides, pad, dataFormat, dimRoundingMode, filterShape } } = backpropFilterOperands(args);
    const gather = isWasmHeap(kernelBackend) ? stridedGather(kernelBackend) : undefined;
    if (dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32' || x.shape.length !== 4 || !gather || !isWasmHeap(kernelBackend)) {
      return fallback(args);
    }
    const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
    const { batchSize, filterHeight, filterWidth, inChannels, outChannels, outHeight, outWidth } = info;
    const rows = filterHeight * filterWidth * inChannels;
    const pixels = outHeight * outWidth;
    if (batchSize === 0) return fallback(args);
    const chunkImages = imagesPerChunk(batchSize, rows * pixels, maxColumnFloats);
    /** cols · dy of images [first, first + count): [1, rows, cOut]; the chunk's columns and dy rows are released. */
    const chunkProduct = (first: number, count: number): TensorInfo => {
      const chunk: TensorInfo[] = [];
      try {
        const cols = kernelBackend.makeOutput([1, rows, count * pixels], 'float32');
        chunk.push(cols);
        fillColumns(info, gather, float32View(kernelBackend, x).byteOffset, float32View(kernelBackend, cols), first, count);
        const dyRows = count === batchSize
          ? trackedKernelCaller(backendName, kernelBackend, chunk)(Reshape, { x: dy }, { shape: [1, batchSize * pixels, outChannels] })
          : imageRows(kernelBackend, dy, first, count, chunk);
        return callKernel(BatchMatMul, backendName, kernelBackend, { a: cols, b: dyRows }, { transposeA: false, transposeB: false });
      } finally {
        disposeIntermediates(kernelBackend, chunk);
      }
    };
    let total: TensorInfo | undefined;
    try {
      for (let first = 0; first < batchSize; first += chunkImages) {
        const part = chunkProduct(first, Math.min(chunkImages, batchSize - first));
        if (total === undefined) {
          total = part;
          continue;
        }
        const previous = total;
        total = callKernel(Add, backendName, kernelBackend, { a: previous, b: part }, {});
        disposeIntermediates(kernelBackend, [previous, part]);
      }
      if (total === undefined) throw new Error('Conv2DBackpropFilter: no images');
      // The reshape takes its own reference to the data.
      return callKernel(Reshape, backendName, kernelBackend, { x: total }, { shape: [filterHeight, filterWidth, inChannels, outChannels] });
    } finally {
      if (total !== undefined) kernelBackend.disposeData(total.dataId);
    }
  };
}

/**
 * Writes cols (see the header) for images [first, first + count) of x (at byte offset `x`) into `cols` (a view whose
 * byteOffset is where cols starts): per row (i, j, ci) and image, one 2-D strided copy of the outH × outW positions
 * that fall inside x; the rest (padding) stays zero.
 */
function fillColumns(info: backend_util.Conv2DInfo, gather: Gather2d, x: number, cols: Float32Array, first: number, count: number): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const pixels = outHeight * outWidth;
  const inside = (offset: number, stride: number, size: number, out: number): [number, number] => {
    // Output positions o with o·stride + offset inside [0, size): [begin, end).
    const begin = Math.min(out, Math.max(0, Math.ceil(-offset / stride)));
    return [begin, Math.max(begin, Math.min(out, Math.floor((size - 1 - offset) / stride) + 1))];
  };
  const padded = padInfo.top > 0 || padInfo.left > 0 || padInfo.bottom > 0 || padInfo.right > 0;
  if (padded) cols.fill(0);
  const [rowBytes, imageBytes] = [inWidth * inChannels * 4, inHeight * inWidth * inChannels * 4];
  let row = 0;
  for (let i = 0; i < filterHeight; i++) {
    const [pBegin, pEnd] = inside(i - padInfo.top, strideHeight, inHeight, outHeight);
    for (let j = 0; j < filterWidth; j++) {
      const [qBegin, qEnd] = inside(j - padInfo.left, strideWidth, inWidth, outWidth);
      if (pEnd <= pBegin || qEnd <= qBegin) {
        row += inChannels;
        continue;
      }
      const top = pBegin * strideHeight + i - padInfo.top;
      const left = qBegin * strideWidth + j - padInfo.left;
      for (let ci = 0; ci < inChannels; ci++, row++) {
        for (let k = 0; k < count; k++) {
          const src = x + (first + k) * imageBytes + top * rowBytes + (left * inChannels + ci) * 4;
          const dst = cols.byteOffset + ((row * count + k) * pixels + pBegin * outWidth + qBegin) * 4;
          gather(src, dst, pEnd - pBegin, qEnd - qBegin, strideHeight * rowBytes, strideWidth * inChannels * 4, outWidth * 4);
        }
      }
    }
  }
}
