// Conv2DBackpropInput on wasm (the input gradient of conv2d, also conv2dTranspose's forward) as one matrix product
// and a col2im. As a stride-1 conv of the zero-padded dy (conv2d-backprop-input.ts), XNNPACK multiplies every
// filter tap with the padding too: on LeNet's second layer that is 2.25× the MACs of the forward conv, ~3 ms.
//
// Shapes (NHWC):  dy [n, outH, outW, cOut],  filter [fh, fw, cIn, cOut],  result [n, h, w, cIn].
//   dcols [n·outH·outW, fh·fw·cIn] = dy reshaped to [n·outH·outW, cOut] · (filter reshaped to [fh·fw·cIn, cOut])ᵀ
//   dx[b, p·sH + i − padTop, q·sW + j − padLeft, ci] += dcols[(b, p, q), (i, j, ci)]   (positions inside dx only)
// For fixed (b, p, q, i) the (j, ci) block is one contiguous run in both, so col2im is one strided add (add2d in
// strided-copies.ts) per (b, p, i) over the q whose run lies inside dx, and one per edge q with a clipped run.
// Images are taken in chunks whose dcols stays within `maxColumnFloats` (batch-chunks.ts).
import { BatchMatMul, Reshape, backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { float32View, isWasmHeap } from './backend-memory';
import { DEFAULT_MAX_COLUMN_FLOATS, imageRows, imagesPerChunk } from './batch-chunks';
import { callKernel, disposeIntermediates, trackedKernelCaller } from './kernel-call';
import { backpropInputOperands } from './conv-gradient-operands';
import { stridedAdd, type Add2d } from './strided-copies';

/** Builds the kernel for the wasm backend; `fallback` takes NCHW, non-float32 tensors and backends without a heap. */
export function makeConv2DBackpropInputCol2im(backendName: string, fallback: KernelFunc, maxColumnFloats = DEFAULT_MAX_COLUMN_FLOATS): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const { dy, filter, attrs: { strides, pad, dataFormat, dimRoundingMode, inputShape } } = backpropInputOperands(args);
    const add = isWasmHeap(kernelBackend) ? stridedAdd(kernelBackend) : undefined;
    if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32' || !add || !isWasmHeap(kernelBackend)) {
      return fallback(args);
    }
    const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const { batchSize, filterHeight, filterWidth, inChannels, outChannels, outHeight, outWidth } = info;
    const rows = filterHeight * filterWidth * inChannels;
    const pixels = outHeight * outWidth;
    const dx = kernelBackend.makeOutput([...inputShape], 'float32');
    float32View(kernelBackend, dx).fill(0);
    const weights = callKernel(Reshape, backendName, kernelBackend, { x: filter }, { shape: [1, rows, outChannels] });
    try {
      const chunkImages = imagesPerChunk(batchSize, rows * pixels, maxColumnFloats);
      for (let first = 0; first < batchSize; first += chunkImages) {
        const count = Math.min(chunkImages, batchSize - first);
        // A chunk's dy rows and dcols are released with the chunk, so that chunks do not pile up.
        const chunk: TensorInfo[] = [];
        const call = trackedKernelCaller(backendName, kernelBackend, chunk);
        try {
          const dyRows = count === batchSize
            ? call(Reshape, { x: dy }, { shape: [1, batchSize * pixels, outChannels] })
            : imageRows(kernelBackend, dy, first, count, chunk);
          const dcols = call(BatchMatMul, { a: dyRows, b: weights }, { transposeA: false, transposeB: true });
          scatterColumns(info, add, float32View(kernelBackend, dcols).byteOffset, float32View(kernelBackend, dx).byteOffset, first, count);
        } finally {
          disposeIntermediates(kernelBackend, chunk);
        }
      }
      return dx;
    } catch (error) {
      kernelBackend.disposeData(dx.dataId);
      throw error;
    } finally {
      kernelBackend.disposeData(weights.dataId);
    }
  };
}

/** Adds dcols (byte offset `dcols`, images [first, first + count)) into dx (byte offset `dx`), as in the header. */
function scatterColumns(info: backend_util.Conv2DInfo, add: Add2d, dcols: number, dx: number, first: number, count: number): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const rowFloats = filterHeight * filterWidth * inChannels; // one output pixel's column
  const runFloats = filterWidth * inChannels;
  // q whose whole run j ∈ [0, fw) lies inside dx: q·sW − padLeft ≥ 0 and q·sW − padLeft + fw ≤ inWidth.
  const qLow = Math.min(outWidth, Math.ceil(padInfo.left / strideWidth));
  const qHigh = Math.max(qLow, Math.min(outWidth, Math.floor((inWidth - filterWidth + padInfo.left) / strideWidth) + 1));
  for (let k = 0; k < count; k++) {
    const image = first + k;
    for (let p = 0; p < outHeight; p++) {
      const pixelBase = (k * outHeight + p) * outWidth; // column index of (image, p, q = 0) within the chunk
      for (let i = 0; i < filterHeight; i++) {
        const y = p * strideHeight + i - padInfo.top;
        if (y < 0 || y >= inHeight) continue;
        const dxRow = dx + (image * inHeight + y) * inWidth * inChannels * 4;
        const columnOffset = i * runFloats;
        if (qHigh > qLow) {
          add(dcols + ((pixelBase + qLow) * rowFloats + columnOffset) * 4, dxRow + (qLow * strideWidth - padInfo.left) * inChannels * 4,
            qHigh - qLow, runFloats, rowFloats * 4, strideWidth * inChannels * 4);
        }
        for (let q = 0; q < outWidth; q++) {
          if (q >= qLow && q < qHigh) continue;
          const left = q * strideWidth - padInfo.left;
          const jBegin = Math.max(0, -left);
          const jEnd = Math.min(filterWidth, inWidth - left);
          if (jEnd <= jBegin) continue;
          add(dcols + ((pixelBase + q) * rowFloats + columnOffset + jBegin * inChannels) * 4, dxRow + (left + jBegin) * inChannels * 4,
            1, (jEnd - jBegin) * inChannels, 0, 0);
        }
      }
    }
  }
}
