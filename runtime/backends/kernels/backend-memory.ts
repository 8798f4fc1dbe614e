// Direct access to a cpu or wasm backend's data, for kernels written as one pass in JavaScript.
// wasm keeps tensors in its linear memory: typedArrayFromHeap gives a view without a copy, valid until the next
// allocation, which may grow (and so move) that memory: allocate outputs first, then take the views. cpu's
// readSync returns its stored array, also without a copy.
import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/** The wasm backend's memory access (BackendWasm's public methods). */
interface HeapBackend {
  typedArrayFromHeap(info: TensorInfo): HeapArray;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
}

export function hasHeap(backend: KernelBackend): backend is KernelBackend & HeapBackend {
  const candidate = backend as Partial<HeapBackend>;
  return typeof candidate.typedArrayFromHeap === 'function' && typeof candidate.makeOutput === 'function';
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

/**
 * A new wasm tensor of `shape` and `dtype` and views of it and of `input`, taken after the allocation (so
 * both are valid until the next one). The output's contents are uninitialised.
 */
export function heapOutput(
  backend: KernelBackend & HeapBackend, input: TensorInfo, shape: readonly number[], dtype: DataType,
): { readonly out: TensorInfo; readonly outValues: HeapArray; readonly inValues: HeapArray } {
  const out = backend.makeOutput([...shape], dtype);
  return { out, outValues: backend.typedArrayFromHeap(out), inValues: backend.typedArrayFromHeap(input) };
}
