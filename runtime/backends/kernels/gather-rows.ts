// GatherV2 along the first axis on wasm as one row copy per index. The stock wasm kernel takes ~2–3 ms to pick
// 64 rows of 784 floats (a per-element strided loop), which is as long as a whole MLP 784-128-10 training step;
// the trainer gathers every batch from the dataset this way (runtime/training/epoch-loop.ts, parallel-runner.ts),
// and so does model.fit. Here each row is one TypedArray.set (a memmove) within the wasm heap.
//
// Shapes: x [rows, ...rest], indices [...ind] (int32, each in [0, rows − 1]) → result [...ind, ...rest].
// Other axes, batchDims ≠ 0 and string tensors use the stock kernel.
import { util } from '@tensorflow/tfjs';
import type { GatherV2Attrs, KernelBackend, KernelFunc } from '@tensorflow/tfjs';
import { isWasmHeap } from './backend-memory';

/** Wraps the wasm backend's stock GatherV2 (`stock`), which keeps the cases this kernel does not cover. */
export function makeGatherRowsCopy(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x, indices } = inputs;
    const { axis, batchDims } = attrs as unknown as GatherV2Attrs;
    if (x === undefined || indices === undefined) throw new Error('GatherV2: inputs x and indices are required');
    const kernelBackend = backend as KernelBackend;
    if (!isWasmHeap(kernelBackend) || x.shape.length === 0 || x.dtype === 'string' || x.dtype === 'complex64'
      || indices.dtype !== 'int32' || batchDims !== 0 || util.parseAxisParam(axis, x.shape)[0] !== 0) {
      return stock(args);
    }
    const rows = x.shape[0] ?? 0;
    const count = util.sizeFromShape(indices.shape);
    const picked = Int32Array.from(kernelBackend.typedArrayFromHeap(indices));
    for (const index of picked) {
      // The stock kernel's check and message.
      if (index < 0 || index > rows - 1) throw new Error(`GatherV2: the index value ${index} is not in [0, ${rows - 1}]`);
    }
    const rowSize = util.sizeFromShape(x.shape.slice(1));
    const out = kernelBackend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    // Views after the allocation, which may have grown (and so detached) the wasm memory.
    const source = kernelBackend.typedArrayFromHeap(x);
    const target = kernelBackend.typedArrayFromHeap(out);
    for (let i = 0; i < count; i++) {
      const row = picked[i] ?? 0;
      target.set(source.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
    }
    return out;
  };
}
