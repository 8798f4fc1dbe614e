// Helpers for kernels that are composed of other kernels of the same backend. They work on TensorInfo
// (backend-level data ids), not on tf.Tensor: ops called inside a kernel would be tracked by the engine
// and could not be returned from the kernel. Intermediate outputs are released with disposeData.
import { Transpose, getKernel } from '@tensorflow/tfjs';
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
