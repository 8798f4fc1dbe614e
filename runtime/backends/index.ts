// Public surface of the backend layer (runtime child process only; never import from the extension host).
export { selectBackend } from './select-backend';
export { BackendUnavailableError, LADDER_ORDER } from './types';
export type { BackendName, BackendPreference, BackendSelection, SelectBackendOptions } from './types';
export { applyKernelFixes, appliedKernelFixes, removeKernelFixes } from './kernels/register-kernel-fixes';
export type { FixableBackend } from './kernels/register-kernel-fixes';
export { defaultWasmDir } from './rungs/wasm';
