// Runs an optimizer's update as one SIMD kernel per variable (simd-assembler.ts) on the wasm backend's memory,
// where tfjs runs ~10 elementwise kernels per variable (each a dispatch, an allocation and a pass over memory).
//
// The updated values go to fresh buffers that are then assigned to the variables, as the stock optimizers'
// `variable.assign(newValue)` does: writing in place would also change any tensor that shares the variable's
// buffer (tf.clone shares it).
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';
import { type WasmHeap } from '../../backends/kernels/backend-memory';
import { linkedFunction, wasmMemory, type LinkedFunction } from '../../backends/kernels/wasm-module';
import { assemble, type ElementwiseKernel } from './simd-assembler';

type FusableBackend = KernelBackend & WasmHeap;

/** The kernel linked to `memory`, or undefined when that fails: the caller then keeps tfjs's own update. */
const kernelFunction = (memory: WebAssembly.Memory, kernel: ElementwiseKernel): LinkedFunction | undefined =>
  linkedFunction(memory, `optimizer:${kernel.name}`, () => assemble([kernel]), kernel.name);

/** A fused update bound to the active wasm backend. */
export interface FusedRunner {
  /** The float32 value of a scalar tensor, read in place. */
  scalar(tensor: tf.Tensor): number;
  /**
   * Gives `targets` the kernel's outputs (same order and sizes): runs the kernel on `inputs` (pointers in order),
   * then `targets` as outputs, `n` = the targets' size, and `scalars`.
   */
  replace(targets: readonly tf.Variable[], inputs: readonly tf.Tensor[], scalars: readonly number[]): void;
}

/**
 * A runner of `kernel` when a fused update may run: the wasm backend, its memory reachable and linkable, float32
 * tensors only. Undefined otherwise: other backends keep tfjs's own optimizer code.
 */
export function fusedRunner(kernel: ElementwiseKernel, tensors: readonly tf.Tensor[]): FusedRunner | undefined {
  if (tf.getBackend() !== 'wasm' || !tensors.every((t) => t.dtype === 'float32')) return undefined;
  const backend = tf.backend();
  // Every tensor's data must already be in this backend's memory (a tensor made under another backend moves only
  // when a tfjs kernel reads it; the stock update does that).
  const { tensorInfo } = tf.engine().state;
  if (!tensors.every((t) => tensorInfo.get(t.dataId)?.backend === backend)) return undefined;
  const memory = wasmMemory(backend);
  const run = memory ? kernelFunction(memory, kernel) : undefined;
  if (!run) return undefined;
  const heap = backend as FusableBackend;
  const view = (info: TensorInfo): Float32Array => {
    const values = heap.typedArrayFromHeap(info);
    if (!(values instanceof Float32Array)) throw new Error(`expected float32 data, got ${info.dtype}`);
    return values;
  };
  return {
    scalar: (tensor) => view(tensor)[0] ?? Number.NaN,
    replace: (targets, inputs, scalars) => {
      const size = targets[0]?.size ?? 0;
      if (targets.length !== kernel.outputs || inputs.length !== kernel.inputs || scalars.length !== kernel.scalars
        || [...targets, ...inputs].some((t) => t.size !== size)) {
        throw new Error(`fused optimizer: ${kernel.name} called with mismatched tensors`);
      }
      const outputs = targets.map((target) => heap.makeOutput([...target.shape], 'float32'));
      try {
        const pointers = [...inputs, ...outputs].map((info) => view(info).byteOffset);
        run(...pointers, size, ...scalars);
      } catch (error) {
        for (const info of outputs) heap.disposeData(info.dataId);
        throw error;
      }
      targets.forEach((target, k) => {
        const info = outputs[k];
        if (!info) return;
        const tensor = tf.engine().makeTensorFromTensorInfo(info, heap);
        target.assign(tensor);
        tensor.dispose();
      });
    },
  };
}
