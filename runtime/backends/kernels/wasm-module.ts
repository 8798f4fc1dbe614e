// Small WebAssembly modules of LayerLens's own that work on tfjs-backend-wasm's memory: binary encoding helpers for
// their assemblers, and linking a module to a backend's WebAssembly.Memory (imported as env.memory), so that its
// functions read and write tensors where they are. Used by the fused optimizers and the strided gather of im2col.
import type { KernelBackend } from '@tensorflow/tfjs';
import { isWasmHeap } from './backend-memory';

/** Unsigned LEB128. */
export function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128. */
export function signed(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

export const wasmName = (text: string): number[] => [...unsigned(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
export const vector = (items: readonly number[][]): number[] => [...unsigned(items.length), ...items.flat()];
export const section = (id: number, content: readonly number[]): number[] => [id, ...unsigned(content.length), ...content];

/** The module header and the import of `env.memory` (the backend's memory) every LayerLens module starts with. */
export const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const MEMORY_IMPORT = section(2, vector([[...wasmName('env'), ...wasmName('memory'), 0x02, 0x00, 0x00]]));

/** BackendWasm's emscripten module (`wasm.asm.memory`: its exported memory). */
interface WasmModuleBackend {
  wasm: { asm?: { memory?: unknown } };
}

/** The wasm backend's memory, or undefined for other backends (or a build that hides it). */
export function wasmMemory(backend: KernelBackend): WebAssembly.Memory | undefined {
  if (!isWasmHeap(backend)) return undefined;
  const memory = (backend as Partial<WasmModuleBackend>).wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

/** A function of a linked module; its arguments are i32 pointers (byte offsets), counts and f32 scalars. */
export type LinkedFunction = (...args: number[]) => void;

const modules = new Map<string, WebAssembly.Module>();
/** Per memory and module key: the module's instance, or null when it cannot be linked to that memory. */
const instances = new WeakMap<WebAssembly.Memory, Map<string, WebAssembly.Instance | null>>();

/**
 * Export `exportName` of the module `key` (its bytes from `assemble`, built once) linked to `memory` (instantiated
 * once per memory); undefined when that fails, e.g. a threaded wasm build's shared memory, which a non-shared import
 * does not accept. Callers then keep tfjs's own kernels.
 */
export function linkedFunction(memory: WebAssembly.Memory, key: string, assemble: () => Uint8Array<ArrayBuffer>, exportName: string): LinkedFunction | undefined {
  let byKey = instances.get(memory);
  if (!byKey) instances.set(memory, (byKey = new Map<string, WebAssembly.Instance | null>()));
  let instance = byKey.get(key);
  if (instance === undefined) {
    try {
      let module = modules.get(key);
      if (!module) modules.set(key, (module = new WebAssembly.Module(assemble())));
      instance = new WebAssembly.Instance(module, { env: { memory } });
    } catch {
      instance = null;
    }
    byKey.set(key, instance);
  }
  const exported = instance?.exports[exportName];
  return typeof exported === 'function' ? (exported as LinkedFunction) : undefined;
}
