// BatchMatMul wrapper for wasm: the wasm kernel with transposeA/transposeB set is ~12× slower than the same
// product with the operands transposed explicitly first, and dense-layer gradients always set them
// (dx = dy·Wᵀ, dW = xᵀ·dy). The wrapper transposes the last two axes with the Transpose kernel, then calls
// the original kernel with both flags false. Shapes: a [...batch, m, k] (or [..., k, m] when transposeA),
// b [...batch, k, n] (or [..., n, k] when transposeB); result [...batch, m, n] either way.
import type { BatchMatMulAttrs, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { disposeIntermediates, transposeInfo } from './kernel-call';

/** Permutation swapping the last two axes of a tensor of rank `rank`. */
function swapLastTwoAxes(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, axis) => axis);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Wraps `original` (the backend's BatchMatMul) so that it never receives transposeA/transposeB = true. */
export function makeBatchMatMulExplicitTranspose(backendName: string, original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const kernelBackend = backend as KernelBackend;
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    if (a === undefined || b === undefined) throw new Error('BatchMatMul: inputs a and b are required');
    if (!transposeA && !transposeB) return original({ inputs, backend, attrs });
    const intermediates: TensorInfo[] = [];
    try {
      const plainA = transposeA ? transposeInfo(backendName, kernelBackend, a, swapLastTwoAxes(a.shape.length)) : a;
      if (plainA !== a) intermediates.push(plainA);
      const plainB = transposeB ? transposeInfo(backendName, kernelBackend, b, swapLastTwoAxes(b.shape.length)) : b;
      if (plainB !== b) intermediates.push(plainB);
      return original({
        inputs: { a: plainA, b: plainB }, backend, attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      disposeIntermediates(kernelBackend, intermediates);
    }
  };
}
