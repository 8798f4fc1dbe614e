// wasm rung: @tensorflow/tfjs-backend-wasm with SIMD on one thread (its threaded build needs Web Workers and
// does not run in Node), plus LayerLens's kernel fixes (see kernels/register-kernel-fixes.ts) without which
// CNN training throws. The .wasm binaries are read from `wasmDir`: next to the bundle in dist/ when packaged,
// the package's own dist/ folder when running unbundled.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { cpuDeviceName } from '../device-names';
import { applyKernelFixes } from '../kernels/register-kernel-fixes';
import type { RungContext, RungOutcome } from '../types';

const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm';

/** The installed package's dist/ folder, or undefined when it cannot be resolved (e.g. inside a bundle). */
export function defaultWasmDir(): string | undefined {
  if (typeof __filename !== 'string') return undefined;
  try {
    return join(dirname(createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/** Whether setWasmPaths ran in this process (it may only run before the wasm backend is initialised). */
let wasmPathsDir: string | undefined;

export async function tryWasm(context: RungContext): Promise<RungOutcome> {
  const wasmDir = context.wasmDir ?? wasmPathsDir ?? defaultWasmDir();
  if (wasmDir === undefined) return { type: 'unavailable', reason: 'wasm: no wasmDir given and @tensorflow/tfjs-backend-wasm not resolvable' };
  if (!existsSync(join(wasmDir, SIMD_BINARY))) return { type: 'unavailable', reason: `wasm: ${SIMD_BINARY} not found in ${wasmDir}` };
  if (wasmPathsDir === undefined) {
    setWasmPaths(wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`);
    wasmPathsDir = wasmDir;
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  applyKernelFixes('wasm');
  if (!(await tf.setBackend('wasm'))) return { type: 'unavailable', reason: `wasm: backend failed to initialise from ${wasmDir}` };
  return {
    type: 'ready',
    selection: { tfBackendName: 'wasm', device: cpuDeviceName(), software: false, versions: { 'tfjs-backend-wasm': version_wasm } },
  };
}
