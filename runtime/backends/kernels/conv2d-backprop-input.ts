// Conv2DBackpropInput (the input gradient of conv2d, also conv2dTranspose's forward) as one forward conv2d.
// The stock wasm kernel is a scalar loop: on LeNet it took ~40% of a training step at ~1 GFLOP/s, while wasm's
// Conv2D (XNNPACK) runs the same shapes several times faster.
//
// Shapes (NHWC only):  dy [n, outH, outW, cOut],  filter [fh, fw, cIn, cOut],  result [n, inH, inW, cIn].
//   dx[b, i, j, ci] = Σ_{oh, ow, kh, kw : oh·sH + kh − padTop = i, ow·sW + kw − padLeft = j} dy[b, oh, ow, co] · W[kh, kw, ci, co]
// With dyS = dy with sH − 1 zero rows after each row and sW − 1 zero columns after each column (stride 1: dy
// itself) and W' = W reversed in kh and kw and transposed to [fh, fw, cOut, cIn], this is a stride-1 conv2d:
//   dx = conv2d(dyS, W', padding top fh − 1 − padTop, left fw − 1 − padLeft, bottom/right making the output
//        exactly inH × inW, or zero and the surplus rows/columns cropped).
// Cases this formulation does not cover (NCHW, an explicit padding larger than the filter) use the stock kernel.
import { Conv2D, Reverse, Slice, backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, disposeIntermediates, insertStrideZeros, transposeInfo } from './kernel-call';
import { backpropInputOperands } from './conv-gradient-operands';

/**
 * Builds a Conv2DBackpropInput kernel for `backendName` out of its Reshape, PadV2, Reverse, Transpose, Conv2D
 * and Slice kernels; `stock` (the backend's own kernel) handles the cases the formulation does not cover.
 */
export function makeConv2DBackpropInputViaConv(backendName: string, stock: KernelFunc): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const { dy, filter, attrs: { strides, pad, dataFormat, dimRoundingMode, inputShape } } = backpropInputOperands(args);
    if (dataFormat === 'NCHW') return stock(args);
    const convInfo = backend_util.computeConv2DInfo(
      inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode,
    );
    const { filterHeight, filterWidth, strideHeight, strideWidth, inHeight, inWidth, inChannels, batchSize, padInfo } = convInfo;
    const padTop = filterHeight - 1 - padInfo.top;
    const padLeft = filterWidth - 1 - padInfo.left;
    if (padTop < 0 || padLeft < 0) return stock(args);

    const intermediates: TensorInfo[] = [];
    try {
      const spread = insertStrideZeros(backendName, kernelBackend, dy, strideHeight, strideWidth, intermediates);
      const [, spreadHeight = 0, spreadWidth = 0] = spread.shape;
      const flipped = callKernel(Reverse, backendName, kernelBackend, { x: filter }, { dims: [0, 1] });
      intermediates.push(flipped);
      const flippedT = transposeInfo(backendName, kernelBackend, flipped, [0, 1, 3, 2]);
      intermediates.push(flippedT);
      const padBottom = inHeight + filterHeight - 1 - padTop - spreadHeight;
      const padRight = inWidth + filterWidth - 1 - padLeft - spreadWidth;
      const explicitPad: backend_util.ExplicitPadding = [
        [0, 0], [padTop, Math.max(0, padBottom)], [padLeft, Math.max(0, padRight)], [0, 0],
      ];
      const dx = callKernel(Conv2D, backendName, kernelBackend, { x: spread, filter: flippedT }, {
        strides: [1, 1], dilations: [1, 1], pad: explicitPad, dataFormat: 'NHWC',
      });
      const [, gotHeight, gotWidth] = dx.shape;
      if (gotHeight === inHeight && gotWidth === inWidth) return dx;
      intermediates.push(dx);
      return callKernel(Slice, backendName, kernelBackend, { x: dx }, {
        begin: [0, 0, 0, 0], size: [batchSize, inHeight, inWidth, inChannels],
      });
    } finally {
      disposeIntermediates(kernelBackend, intermediates);
    }
  };
}
