// Direct access to a cpu or wasm backend's float32 data, for kernels written as one pass in JavaScript.
// wasm keeps tensors in its linear memory: typedArrayFromHeap gives a view without a copy (valid until the
// next allocation may grow that memory, so read everything before writing the output). cpu's readSync
// returns its stored array, also without a copy.
import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs';

interface HeapBackend {
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** The parts of tfjs-backend-wasm's BackendWasm that kernels writing into its memory use. */
export interface WasmHeap extends HeapBackend {
  /** A new tensor's storage in the wasm memory (may grow it: take views after this). */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
}

function hasHeap(backend: KernelBackend): backend is KernelBackend & HeapBackend {
  return typeof (backend as Partial<HeapBackend>).typedArrayFromHeap === 'function';
}

/** True for the wasm backend (it has a heap and allocates outputs in it). */
export function isWasmHeap(backend: KernelBackend): backend is KernelBackend & WasmHeap {
  return hasHeap(backend) && typeof (backend as Partial<WasmHeap>).makeOutput === 'function';
}

/** The float32 values of `info`, read in place where the backend allows it. Do not write to the result. */
export function float32View(backend: KernelBackend, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') throw new Error(`expected a float32 tensor, got ${info.dtype}`);
  const values = hasHeap(backend) ? backend.typedArrayFromHeap(info) : backend.readSync(info.dataId);
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}

/** Stores `values` as a new float32 tensor of `shape` in `backend` (reference count 1). */
export function float32Output(backend: KernelBackend, values: Float32Array, shape: readonly number[]): TensorInfo {
  return { dataId: backend.write(values, [...shape], 'float32'), shape: [...shape], dtype: 'float32' };
}
