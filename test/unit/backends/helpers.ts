// Shared helpers for the backend tests. tfjs keeps one global active backend per process; every test that
// depends on a backend activates it itself (node --test runs each file in its own process, but tests within a
// file run in order and may switch backends).
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import type { BackendName, BackendSelection } from '../../../runtime/backends';

/** Set by CI after `eval "$(bash .ci/setup-lavapipe.sh .tools/lavapipe)"`: webgpu tests then must pass. */
export const WEBGPU_ENABLED = process.env['LAYERLENS_TEST_WEBGPU'] === '1';

/** Backends every test must cover on this machine: cpu and wasm always, webgpu when enabled. */
export const TESTED_BACKENDS: readonly BackendName[] = WEBGPU_ENABLED ? ['cpu', 'wasm', 'webgpu'] : ['cpu', 'wasm'];

/** Activates `name` through the ladder (so kernel fixes are registered exactly as in production). */
export function useBackend(name: BackendName): Promise<BackendSelection> {
  return selectBackend({ preference: name, nodeModuleDirs: [] });
}

/** Deterministic values in [-1, 1) from a linear congruential generator (same on every backend). */
export function seededValues(count: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** Asserts element-wise |actual − expected| ≤ tolerance · max(1, |expected|). */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? Number.NaN;
    const e = expected[i] ?? Number.NaN;
    assert.ok(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)), `${label}[${i}]: ${a} vs expected ${e}`);
  }
}

/**
 * Runs `compute` in a tidy scope and returns every output tensor's values as plain arrays. Reads are async:
 * the webgpu backend's dataSync() needs OffscreenCanvas, which Node lacks.
 */
export async function valuesOf(compute: () => tf.Tensor[]): Promise<number[][]> {
  const outputs = tf.tidy(compute);
  try {
    return await Promise.all(outputs.map(async (t) => Array.from(await t.data())));
  } finally {
    tf.dispose(outputs);
  }
}

/** Number of data buffers held by the active backend (grows when a kernel leaks intermediates). */
export function backendBufferCount(): number {
  return tf.backend().numDataIds();
}
