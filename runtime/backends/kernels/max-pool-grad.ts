// MaxPoolGrad (the input gradient of max-pooling) in one pass over the pooling windows.
// The stock kernels loop over every input element and, for each, over every window that could cover it (cpu
// through buffer.get: ~30% of a cpu LeNet step; wasm ~20%). Here each window is visited once: its first
// maximum is found and the window's dy is added there. Same rule as the stock kernels (tfjs's
// maxPoolPositions): in-bounds positions only, row-major window order, a strictly greater value replaces the
// current maximum, starting from −∞ — so among equal values the first wins, and a window whose values are all
// −∞ or NaN passes no gradient. Overlapping windows that share a maximum add up.
//
// Shapes (NHWC):  input [n, h, w, c],  dy [n, outH, outW, c],  result [n, h, w, c].
// Per window, each channel keeps its running maximum in locals (no per-window arrays). On wasm the result is written
// straight into the backend's memory, and with ≥ 4 channels each window is one call of a SIMD function that scans
// four channels at a time (window-max-scatter.ts). Non-float32 tensors use the stock kernel.
import { backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { float32Output, float32View, isWasmHeap } from './backend-memory';
import { windowMaxScatter, type WindowMaxScatter } from './window-max-scatter';

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
    if (isWasmHeap(kernelBackend)) {
      // Allocate first: the allocation may grow (and so detach) the memory that views point into.
      const out = kernelBackend.makeOutput([...input.shape], 'float32');
      const dx = float32View(kernelBackend, out);
      dx.fill(0);
      const scatter = info.inChannels >= 4 ? windowMaxScatter(kernelBackend) : undefined;
      if (scatter) {
        scatterInWasm(info, scatter, float32View(kernelBackend, input).byteOffset, float32View(kernelBackend, dy).byteOffset, dx.byteOffset);
      } else {
        scatterWindowMaxima(info, float32View(kernelBackend, input), float32View(kernelBackend, dy), dx);
      }
      return out;
    }
    const dx = new Float32Array(input.shape.reduce((a, b) => a * b, 1));
    scatterWindowMaxima(info, float32View(kernelBackend, input), float32View(kernelBackend, dy), dx);
    return float32Output(kernelBackend, dx, input.shape) satisfies TensorInfo;
  };
}

/**
 * scatterWindowMaxima with each window's channels in one call of the SIMD wasm function (window-max-scatter.ts);
 * x, dy and dx are byte offsets in the wasm memory.
 */
function scatterInWasm(info: backend_util.Conv2DInfo, scatter: WindowMaxScatter, x: number, dy: number, dx: number): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;
  const rowBytes = inWidth * channels * 4;
  let dyAt = dy;
  for (let b = 0; b < batchSize; b++) {
    const imageBase = x + b * inHeight * rowBytes;
    for (let oy = 0; oy < outHeight; oy++) {
      const top = oy * strideHeight - padInfo.top;
      const yBegin = Math.max(0, top);
      const rows = Math.max(0, Math.min(inHeight, top + filterHeight) - yBegin);
      for (let ox = 0; ox < outWidth; ox++, dyAt += channels * 4) {
        const left = ox * strideWidth - padInfo.left;
        const xBegin = Math.max(0, left);
        const cols = Math.max(0, Math.min(inWidth, left + filterWidth) - xBegin);
        scatter(imageBase + yBegin * rowBytes + xBegin * channels * 4, dyAt, dx - x, rows, cols, rowBytes, channels * 4, channels);
      }
    }
  }
}

/** Adds each window's dy (g) to dx at the window's first maximum of x, channel by channel; dx starts at zero. */
function scatterWindowMaxima(info: backend_util.Conv2DInfo, x: Float32Array, g: Float32Array, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;
  const rowStride = inWidth * channels;
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    const imageBase = b * inHeight * rowStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const top = oy * strideHeight - padInfo.top;
      const yBegin = Math.max(0, top);
      const yEnd = Math.min(inHeight, top + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const left = ox * strideWidth - padInfo.left;
        const xBegin = Math.max(0, left);
        const xEnd = Math.min(inWidth, left + filterWidth);
        const windowBase = imageBase + yBegin * rowStride + xBegin * channels;
        for (let c = 0; c < channels; c++, dyAt++) {
          let best = Number.NEGATIVE_INFINITY;
          let bestAt = -1;
          for (let iy = yBegin, row = windowBase + c; iy < yEnd; iy++, row += rowStride) {
            for (let ix = xBegin, at = row; ix < xEnd; ix++, at += channels) {
              const value = x[at] ?? Number.NaN;
              if (value > best) {
                best = value;
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) dx[bestAt] = (dx[bestAt] ?? 0) + (g[dyAt] ?? 0);
        }
      }
    }
  }
}
