/** The backend ladder: what the extension asks for, and what the runtime loaded. Types only; part of the runtime's contract (see `../protocol.ts`). */

/** Which TensorFlow.js backend to use; `auto` walks the ladder cuda → webgpu → tensorflow → wasm → cpu. */
export type BackendPreference = 'auto' | 'cuda' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** What the runtime loaded, and why faster rungs of the ladder were not used. */
export interface RuntimeInfo {
  /** PID of the runtime process (differs from the extension host's). */
  readonly pid: number;
  /** `@tensorflow/tfjs` version loaded by the runtime. */
  readonly tfjsVersion: string;
  /** The ladder rung chosen, e.g. `wasm`. */
  readonly backend: string;
  /** TensorFlow.js's own backend name, e.g. `wasm`, `webgpu`, `tensorflow`. */
  readonly tfBackendName: string;
  /** Human-readable device, e.g. `NVIDIA H100 (CUDA)` or the CPU model. */
  readonly device: string;
  /** True when the device is emulated (e.g. a software Vulkan adapter). */
  readonly software: boolean;
  /** One line per rung that was tried and failed, e.g. `cuda: @tensorflow/tfjs-node-gpu not installed`. */
  readonly reasons: readonly string[];
  /** Versions of Node and the TensorFlow.js packages in use. */
  readonly versions: Readonly<Record<string, string>>;
  /** Tensors alive in the runtime when it answered (`tf.memory().numTensors`), for leak checks. */
  readonly tensors?: number;
}

/** Options the extension passes with requests that need a backend. */
export interface BackendOptions {
  readonly preference: BackendPreference;
  /** Extra folders to resolve `@tensorflow/tfjs-node(-gpu)` from (e.g. the extension's global storage). */
  readonly nodeModuleDirs: readonly string[];
}
