// Helpers for kernels that are composed of other kernels of the same backend. They work on TensorInfo
// (backend-level data ids), not on tf.Tensor: ops called inside a kernel would be tracked by the engine
// and could not be returned from the kernel. Intermediate outputs are released with disposeData.
import { PadV2, Reshape, Transpose, getKernel } from '@tensorflow/tfjs';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

/** Runs the kernel `kernelName` registered for `backendName` and returns its single output. */
export function callKernel(
  kernelName: string,
  backendName: string,
  backend: KernelBackend,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, backendName);
  if (kernel === undefined) {
    throw new Error(`Kernel '${kernelName}' not registered for backend '${backendName}'`);
  }
  const output = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(output)) {
    throw new Error(`Kernel '${kernelName}' returned ${output.length} outputs where one was expected`);
  }
  return output;
}

/** A `callKernel` bound to one backend that appends every output to `intermediates` (released by the caller). */
export function trackedKernelCaller(backendName: string, backend: KernelBackend, intermediates: TensorInfo[])
  : (kernelName: string, inputs: NamedTensorInfoMap, attrs: object) => TensorInfo {
  return (kernelName, inputs, attrs) => {
    const out = callKernel(kernelName, backendName, backend, inputs, attrs as NamedAttrMap);
    intermediates.push(out);
    return out;
  };
}

/** Releases intermediate kernel outputs (each was created with reference count 1, or had its count raised). */
export function disposeIntermediates(backend: KernelBackend, infos: readonly TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Transposes `x` with `perm` using the backend's own Transpose kernel. */
export function transposeInfo(
  backendName: string,
  backend: KernelBackend,
  x: TensorInfo,
  perm: number[],
): TensorInfo {
  return callKernel(Transpose, backendName, backend, { x }, { perm });
}

/**
 * dy [n, h, w, c] with (sH − 1) zero rows after each row and (sW − 1) zero columns after each column, as
 * [n, h·sH, w·sW, c] (the input of a stride-1 conv that computes a strided conv's input gradient). New tensors
 * are appended to `intermediates`; with strides 1 dy itself is returned.
 */
export function insertStrideZeros(
  backendName: string, backend: KernelBackend, dy: TensorInfo, strideHeight: number, strideWidth: number,
  intermediates: TensorInfo[],
): TensorInfo {
  if (strideHeight === 1 && strideWidth === 1) return dy;
  const [n = 0, h = 0, w = 0, c = 0] = dy.shape;
  const spread = callKernel(Reshape, backendName, backend, { x: dy }, { shape: [n, h, 1, w, 1, c] });
  intermediates.push(spread);
  const padded = callKernel(PadV2, backendName, backend, { x: spread }, {
    paddings: [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]], constantValue: 0,
  });
  intermediates.push(padded);
  const result = callKernel(Reshape, backendName, backend, { x: padded }, { shape: [n, h * strideHeight, w * strideWidth, c] });
  intermediates.push(result);
  return result;
}
