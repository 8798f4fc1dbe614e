// The reference every kernel fix is checked against: the stock cpu kernels, with LayerLens's cpu fixes taken
// out for the duration. Shared by the kernel-fix test files.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { applyKernelFixes, appliedKernelFixes, removeKernelFixes } from '../../../runtime/backends';
import { assertAllClose, backendBufferCount, useBackend, valuesOf } from './helpers';

export type Compute = () => tf.Tensor[];

/** Reference values: the stock cpu kernels, with LayerLens's cpu fixes taken out for the duration. */
async function referenceValues(compute: Compute): Promise<number[][]> {
  await tf.setBackend('cpu');
  const hadFixes = appliedKernelFixes('cpu').length > 0;
  removeKernelFixes('cpu');
  try {
    return await valuesOf(compute);
  } finally {
    if (hadFixes) applyKernelFixes('cpu');
  }
}

/** Compares `compute` on the fixed cpu and wasm backends with the stock cpu reference; checks for leaks. */
export async function assertMatchesReference(label: string, compute: Compute): Promise<void> {
  const expected = await referenceValues(compute);
  for (const backendName of ['cpu', 'wasm'] as const) {
    await useBackend(backendName);
    const buffersBefore = backendBufferCount();
    const actual = await valuesOf(compute);
    assert.equal(backendBufferCount(), buffersBefore, `${label} on ${backendName}: kernel leaked buffers`);
    assert.equal(actual.length, expected.length);
    actual.forEach((values, i) => assertAllClose(values, expected[i] ?? [], 2e-4, `${label} on ${backendName} output ${i}`));
  }
}
