// AvgPoolGrad (the input gradient of average pooling) on wasm as strided adds in the backend's memory. The stock wasm
// kernel loops over every input element and every window that could cover it: on the LeNet sample (avgPool 2×2 of
// [64,28,28,6]) it took ~3.7 ms a call, a fifth of a training step.
//
// Same rule as tfjs's kernels: each window passes dy · 1/(fh·fw) to every position of the window that lies inside
// the input (the full filter area, also for windows clipped by padding), and overlapping windows add up.
// Shapes (NHWC):  input [n, h, w, c],  dy [n, outH, outW, c],  result [n, h, w, c].
// dy is scaled once; then per image, output row, and window row i and column j, one add2d (strided-copies.ts) adds
// the scaled dy of every window along the row (at stride sW·c) into dx. Non-float32 tensors and backends without
// wasm memory use the stock kernel.
import { backend_util } from '@tensorflow/tfjs';
import type { AvgPoolGradAttrs, KernelBackend, KernelFunc } from '@tensorflow/tfjs';
import { float32View, isWasmHeap } from './backend-memory';
import { stridedAdd } from './strided-copies';

export function makeAvgPoolGradScatter(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { dy, input } = inputs;
    const { filterSize, strides, pad } = attrs as unknown as AvgPoolGradAttrs;
    if (dy === undefined || input === undefined) throw new Error('AvgPoolGrad: inputs dy and input are required');
    const add = isWasmHeap(kernelBackend) ? stridedAdd(kernelBackend) : undefined;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || input.shape.length !== 4 || !add || !isWasmHeap(kernelBackend)) return stock(args);
    const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad);
    const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
    const { filterHeight, filterWidth, padInfo } = info;
    const scaled = kernelBackend.makeOutput([...dy.shape], 'float32');
    const dx = kernelBackend.makeOutput([...input.shape], 'float32');
    try {
      // Views after both allocations (an allocation may grow, and so detach, the memory).
      const multiplier = Math.fround(1 / (filterHeight * filterWidth));
      const [source, target] = [float32View(kernelBackend, dy), float32View(kernelBackend, scaled)];
      for (let i = 0; i < source.length; i++) target[i] = (source[i] ?? 0) * multiplier;
      float32View(kernelBackend, dx).fill(0);
      const [dyBytes, dxBytes] = [target.byteOffset, float32View(kernelBackend, dx).byteOffset];
      const pixelBytes = channels * 4;
      for (let j = 0; j < filterWidth; j++) {
        // Windows ox whose column j (x = ox·sW − padLeft + j) lies inside the input: [oxBegin, oxEnd).
        const offset = j - padInfo.left;
        const oxBegin = Math.min(outWidth, Math.max(0, Math.ceil(-offset / strideWidth)));
        const oxEnd = Math.max(oxBegin, Math.min(outWidth, Math.floor((inWidth - 1 - offset) / strideWidth) + 1));
        if (oxEnd === oxBegin) continue;
        for (let b = 0; b < batchSize; b++) {
          for (let oy = 0; oy < outHeight; oy++) {
            const source = dyBytes + ((b * outHeight + oy) * outWidth + oxBegin) * pixelBytes;
            for (let i = 0; i < filterHeight; i++) {
              const y = oy * strideHeight - padInfo.top + i;
              if (y < 0 || y >= inHeight) continue;
              const x = oxBegin * strideWidth + offset;
              add(source, dxBytes + ((b * inHeight + y) * inWidth + x) * pixelBytes, oxEnd - oxBegin, channels, pixelBytes, strideWidth * pixelBytes);
            }
          }
        }
      }
      return dx;
    } catch (error) {
      kernelBackend.disposeData(dx.dataId);
      throw error;
    } finally {
      kernelBackend.disposeData(scaled.dataId);
    }
  };
}
