// Conv2DBackpropFilter (the filter gradient of conv2d) computed as one forward conv2d of transposed tensors.
// wasm has no such kernel (CNN training throws "Kernel 'Conv2DBackpropFilter' not registered"), and the
// cpu backend's own kernel is a slow scalar loop; both have a fast Conv2D, so this kernel is registered for both.
//
// Shapes (NHWC only):  x [n, h, w, cIn],  dy [n, outH, outW, cOut],  result [fh, fw, cIn, cOut].
//   dW[i, j, ci, co] = Σ_{b, oh, ow} x[b, oh·sH + i − padTop, ow·sW + j − padLeft, ci] · dy[b, oh, ow, co]
// which is a conv2d whose "batch" is cIn, whose "channels" are n and whose "filter" is dy:
//   xT = x transposed to [cIn, h, w, n],  dyT = dy transposed to [outH, outW, n, cOut],
//   conv2d(xT, dyT, strides 1, dilations = forward strides, explicit padding) → [cIn, ≥fh, ≥fw, cOut],
//   cropped to [cIn, fh, fw, cOut] and transposed to [fh, fw, cIn, cOut].
// Padding follows the cpu kernel: top/left come from computeConv2DInfo of the forward conv; bottom/right are
// whatever makes the output exactly fh × fw (or zero, and the surplus rows/columns are cropped).
import { Conv2D, Slice, backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, disposeIntermediates, transposeInfo } from './kernel-call';
import { backpropFilterOperands } from './conv-gradient-operands';

type Shape4D = [number, number, number, number];

function asShape4D(shape: readonly number[], what: string): Shape4D {
  const [a, b, c, d] = shape;
  if (shape.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new Error(`Conv2DBackpropFilter: ${what} must have rank 4, got shape [${shape.join(', ')}]`);
  }
  return [a, b, c, d];
}

/** Builds a Conv2DBackpropFilter kernel function for `backendName` out of its Transpose, Conv2D and Slice. */
export function makeConv2DBackpropFilterViaConv(backendName: string): KernelFunc {
  return (args) => {
    const kernelBackend = args.backend as KernelBackend;
    const { x, dy, attrs: { strides, pad, dataFormat, dimRoundingMode, filterShape } } = backpropFilterOperands(args);
    if (dataFormat === 'NCHW') {
      throw new Error(`Conv2DBackpropFilter on '${backendName}' supports dataFormat NHWC only`);
    }
    const xShape = asShape4D(x.shape, 'x');
    const [filterHeight, filterWidth] = asShape4D(filterShape, 'filterShape');
    const convInfo = backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode);
    const { strideHeight, strideWidth, outHeight, outWidth, inHeight, inWidth, padInfo } = convInfo;

    const padBottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - padInfo.top;
    const padRight = filterWidth + (outWidth - 1) * strideWidth - inWidth - padInfo.left;
    const intermediates: TensorInfo[] = [];
    try {
      const xT = transposeInfo(backendName, kernelBackend, x, [3, 1, 2, 0]);
      intermediates.push(xT);
      const dyT = transposeInfo(backendName, kernelBackend, dy, [1, 2, 0, 3]);
      intermediates.push(dyT);
      const explicitPad: backend_util.ExplicitPadding = [
        [0, 0], [padInfo.top, Math.max(0, padBottom)], [padInfo.left, Math.max(0, padRight)], [0, 0],
      ];
      let gradT = callKernel(Conv2D, backendName, kernelBackend, { x: xT, filter: dyT }, {
        strides: [1, 1], dilations: [strideHeight, strideWidth], pad: explicitPad, dataFormat: 'NHWC',
      });
      intermediates.push(gradT);
      const [cIn, gotHeight, gotWidth, cOut] = asShape4D(gradT.shape, 'intermediate gradient');
      if (gotHeight !== filterHeight || gotWidth !== filterWidth) {
        gradT = callKernel(Slice, backendName, kernelBackend, { x: gradT }, {
          begin: [0, 0, 0, 0], size: [cIn, filterHeight, filterWidth, cOut],
        });
        intermediates.push(gradT);
      }
      return transposeInfo(backendName, kernelBackend, gradT, [1, 2, 0, 3]);
    } finally {
      disposeIntermediates(kernelBackend, intermediates);
    }
  };
}
