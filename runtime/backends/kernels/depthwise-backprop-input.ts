// DepthwiseConv2dNativeBackpropInput (the input gradient of depthwise conv2d) as one depthwise conv2d.
// wasm has no such kernel; until now it was computed by the cpu kernel through a copy to the cpu backend
// (cpu-delegate.ts). wasm's DepthwiseConv2dNative (XNNPACK) computes it directly.
//
// Shapes (NHWC):  dy [n, outH, outW, c·m],  filter [fh, fw, c, m],  result [n, inH, inW, c]   (m: channel multiplier)
//   dx[b, i, j, ci] = Σ_{mi, oh, ow, kh, kw : oh·sH + kh − padTop = i, …} dy[b, oh, ow, ci·m + mi] · W[kh, kw, ci, mi]
// With dyS = dy spread by the strides (zeros between rows and columns, kernel-call.ts insertStrideZeros) and
// W' = W reversed in kh and kw, reshaped to [fh, fw, c·m, 1], every dy channel ci·m + mi is correlated with its
// own flipped filter: depthwise conv2d(dyS, W', stride 1, padding top fh − 1 − padTop, left fw − 1 − padLeft,
// bottom/right making the output inH × inW) → [n, inH, inW, c·m], then summed over mi ([n, inH, inW, c, m]).
// Forward dilations > 1 (tfjs's depthwise gradient rejects them anyway), NCHW and explicit padding larger
// than the filter use `fallback` (the cpu kernel through a copy).
import { DepthwiseConv2dNative, Reshape, Reverse, Slice, Sum, backend_util } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropInputAttrs, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, disposeIntermediates, insertStrideZeros, trackedKernelCaller } from './kernel-call';

/** Whether the forward conv had dilations other than 1 (absent means 1). */
export function isDilated(dilations: number | [number, number] | undefined): boolean {
  if (dilations === undefined) return false;
  return typeof dilations === 'number' ? dilations !== 1 : dilations[0] !== 1 || dilations[1] !== 1;
}

/** Builds the kernel for `backendName` out of its Reshape, PadV2, Reverse, DepthwiseConv2dNative, Slice and Sum. */
export function makeDepthwiseBackpropInputViaConv(backendName: string, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const kernelBackend = backend as KernelBackend;
    const { dy, filter } = inputs;
    const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
    if (dy === undefined || filter === undefined) throw new Error('DepthwiseConv2dNativeBackpropInput: inputs dy and filter are required');
    if (isDilated(dilations) || dy.shape.length !== 4) return fallback(args);
    const [filterHeight = 0, filterWidth = 0, channels = 0, multiplier = 0] = filter.shape;
    const convInfo = backend_util.computeConv2DInfo(
      inputShape, [filterHeight, filterWidth, channels, multiplier], strides, 1, pad, dimRoundingMode, true,
    );
    const { strideHeight, strideWidth, inHeight, inWidth, batchSize, padInfo } = convInfo;
    const padTop = filterHeight - 1 - padInfo.top;
    const padLeft = filterWidth - 1 - padInfo.left;
    if (padTop < 0 || padLeft < 0) return fallback(args);

    const intermediates: TensorInfo[] = [];
    const call = trackedKernelCaller(backendName, kernelBackend, intermediates);
    try {
      const spread = insertStrideZeros(backendName, kernelBackend, dy, strideHeight, strideWidth, intermediates);
      const [, spreadHeight = 0, spreadWidth = 0] = spread.shape;
      const flipped = call(Reverse, { x: filter }, { dims: [0, 1] });
      const perChannel = call(Reshape, { x: flipped }, { shape: [filterHeight, filterWidth, channels * multiplier, 1] });
      const padBottom = inHeight + filterHeight - 1 - padTop - spreadHeight;
      const padRight = inWidth + filterWidth - 1 - padLeft - spreadWidth;
      let grad = call(DepthwiseConv2dNative, { x: spread, filter: perChannel }, {
        strides: [1, 1], dilations: [1, 1],
        pad: [[0, 0], [padTop, Math.max(0, padBottom)], [padLeft, Math.max(0, padRight)], [0, 0]],
      });
      if (grad.shape[1] !== inHeight || grad.shape[2] !== inWidth) {
        grad = call(Slice, { x: grad }, { begin: [0, 0, 0, 0], size: [batchSize, inHeight, inWidth, channels * multiplier] });
      }
      if (multiplier === 1) {
        intermediates.pop();
        return grad;
      }
      const split = call(Reshape, { x: grad }, { shape: [batchSize, inHeight, inWidth, channels, multiplier] });
      return callKernel(Sum, backendName, kernelBackend, { x: split }, { axis: [4], keepDims: false });
    } finally {
      disposeIntermediates(kernelBackend, intermediates);
    }
  };
}
