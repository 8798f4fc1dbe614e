// DepthwiseConv2dNativeBackpropFilter (the filter gradient of depthwise conv2d) as one depthwise conv2d.
// wasm has no such kernel; until now it was computed by the cpu kernel through a copy to the cpu backend
// (cpu-delegate.ts). wasm's DepthwiseConv2dNative (XNNPACK) computes it directly.
//
// Shapes (NHWC):  x [n, h, w, c],  dy [n, outH, outW, c·m],  result [fh, fw, c, m]   (m: channel multiplier)
//   dW[kh, kw, ci, mi] = Σ_{b, oh, ow} x[b, oh·sH + kh − padTop, ow·sW + kw − padLeft, ci] · dy[b, oh, ow, ci·m + mi]
// Batch and channel together form the depthwise channels (b·c + ci) and dy is the filter, dilated by the strides:
//   xT  = x transposed to [h, w, n, c], reshaped to [1, h, w, n·c]
//   dyT = dy transposed to [outH, outW, n, c·m], reshaped to [outH, outW, n·c, m]
//   depthwise conv2d(xT, dyT, strides 1, dilations = forward strides, padding top/left as the forward conv,
//   bottom/right making the output fh × fw) → [1, fh, fw, n·c·m] → reshaped [fh, fw, n, c·m], summed over n.
// Forward dilations > 1 (tfjs's depthwise gradient rejects them anyway) and NCHW use `fallback` (the cpu kernel
// through a copy).
import { DepthwiseConv2dNative, Reshape, Slice, Sum, backend_util } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { isDilated } from './depthwise-backprop-input';
import { callKernel, disposeIntermediates, trackedKernelCaller, transposeInfo } from './kernel-call';

/** Builds the kernel for `backendName` out of its Transpose, Reshape, DepthwiseConv2dNative, Slice and Sum. */
export function makeDepthwiseBackpropFilterViaConv(backendName: string, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { x, dy } = inputs;
    const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
    if (x === undefined || dy === undefined) throw new Error('DepthwiseConv2dNativeBackpropFilter: inputs x and dy are required');
    if (isDilated(dilations) || x.shape.length !== 4) return fallback(args);
    const [n = 0, h = 0, w = 0, channels = 0] = x.shape;
    const [filterHeight = 0, filterWidth = 0, , multiplier = 0] = filterShape;
    const convInfo = backend_util.computeConv2DInfo(
      [n, h, w, channels], filterShape, strides, 1, pad, dimRoundingMode, true,
    );
    const { strideHeight, strideWidth, outHeight, outWidth, padInfo } = convInfo;
    const padBottom = filterHeight + (outHeight - 1) * strideHeight - h - padInfo.top;
    const padRight = filterWidth + (outWidth - 1) * strideWidth - w - padInfo.left;

    const intermediates: TensorInfo[] = [];
    const call = trackedKernelCaller(backendName, kernelBackend, intermediates);
    try {
      const xHwnc = transposeInfo(backendName, kernelBackend, x, [1, 2, 0, 3]);
      intermediates.push(xHwnc);
      const xT = call(Reshape, { x: xHwnc }, { shape: [1, h, w, n * channels] });
      const dyHwnc = transposeInfo(backendName, kernelBackend, dy, [1, 2, 0, 3]);
      intermediates.push(dyHwnc);
      const dyT = call(Reshape, { x: dyHwnc }, { shape: [outHeight, outWidth, n * channels, multiplier] });
      let grad = call(DepthwiseConv2dNative, { x: xT, filter: dyT }, {
        strides: [1, 1], dilations: [strideHeight, strideWidth],
        pad: [[0, 0], [padInfo.top, Math.max(0, padBottom)], [padInfo.left, Math.max(0, padRight)], [0, 0]],
      });
      if (grad.shape[1] !== filterHeight || grad.shape[2] !== filterWidth) {
        grad = call(Slice, { x: grad }, { begin: [0, 0, 0, 0], size: [1, filterHeight, filterWidth, n * channels * multiplier] });
      }
      const perBatch = call(Reshape, { x: grad }, { shape: [filterHeight, filterWidth, n, channels * multiplier] });
      const summed = call(Sum, { x: perBatch }, { axis: [2], keepDims: false });
      return callKernel(Reshape, backendName, kernelBackend, { x: summed }, { shape: [filterHeight, filterWidth, channels, multiplier] });
    } finally {
      disposeIntermediates(kernelBackend, intermediates);
    }
  };
}
