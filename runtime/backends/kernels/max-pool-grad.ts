// MaxPoolGrad (the input gradient of max-pooling) in one pass over the pooling windows.
// The stock kernels loop over every input element and, for each, over every window that could cover it (cpu
// through buffer.get: ~30% of a cpu LeNet step; wasm ~20%). Here each window is visited once: its first
// maximum is found and the window's dy is added there. Same rule as the stock kernels (tfjs's
// maxPoolPositions): in-bounds positions only, row-major window order, a strictly greater value replaces the
// current maximum, starting from −∞ — so among equal values the first wins, and a window whose values are all
// −∞ or NaN passes no gradient. Overlapping windows that share a maximum add up.
//
// Shapes (NHWC):  input [n, h, w, c],  dy [n, outH, outW, c],  result [n, h, w, c].
// The inner loop runs over channels, which are contiguous in NHWC. Non-float32 tensors use the stock kernel.
import { backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, MaxPoolGradAttrs } from '@tensorflow/tfjs';
import { float32Output, float32View } from './backend-memory';

/** Builds a MaxPoolGrad kernel for a cpu or wasm backend; `stock` handles non-float32 tensors. */
export function makeMaxPoolGradOnePass(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { dy, input } = inputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
    if (dy === undefined || input === undefined) throw new Error('MaxPoolGrad: inputs dy and input are required');
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || input.shape.length !== 4) return stock(args);
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
    const { filterHeight, filterWidth, padInfo } = info;
    const x = float32View(kernelBackend, input);
    const g = float32View(kernelBackend, dy);
    const dx = new Float32Array(x.length);
    const best = new Float32Array(channels);
    const bestAt = new Int32Array(channels);
    for (let b = 0; b < batchSize; b++) {
      for (let oy = 0; oy < outHeight; oy++) {
        const top = oy * strideHeight - padInfo.top;
        const yBegin = Math.max(0, top);
        const yEnd = Math.min(inHeight, top + filterHeight);
        for (let ox = 0; ox < outWidth; ox++) {
          const left = ox * strideWidth - padInfo.left;
          const xBegin = Math.max(0, left);
          const xEnd = Math.min(inWidth, left + filterWidth);
          best.fill(Number.NEGATIVE_INFINITY);
          bestAt.fill(-1);
          for (let iy = yBegin; iy < yEnd; iy++) {
            for (let ix = xBegin; ix < xEnd; ix++) {
              const base = ((b * inHeight + iy) * inWidth + ix) * channels;
              for (let c = 0; c < channels; c++) {
                const value = x[base + c] ?? Number.NaN;
                if (value > (best[c] ?? Number.NaN)) {
                  best[c] = value;
                  bestAt[c] = base + c;
                }
              }
            }
          }
          const dyBase = ((b * outHeight + oy) * outWidth + ox) * channels;
          for (let c = 0; c < channels; c++) {
            const at = bestAt[c] ?? -1;
            if (at >= 0) dx[at] = (dx[at] ?? 0) + (g[dyBase + c] ?? 0);
          }
        }
      }
    }
    return float32Output(kernelBackend, dx, input.shape);
  };
}
