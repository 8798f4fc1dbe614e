/**
 * The contract the runtime child process speaks over Node IPC (`child_process.fork`, `serialization: 'advanced'`,
 * so typed arrays cross without JSON). Types only: the extension imports these, the runtime implements them.
 *
 * Flow: the runtime sends `ready` once it listens; the extension then sends `request`s, each answered by exactly one
 * `response` with the same `id`. The runtime may send `log` and notifications at any time after `ready`.
 */

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
}

/** Options the extension passes with requests that need a backend. */
export interface BackendOptions {
  readonly preference: BackendPreference;
  /** Extra folders to resolve `@tensorflow/tfjs-node(-gpu)` from (e.g. the extension's global storage). */
  readonly nodeModuleDirs: readonly string[];
}

/** Request methods: `params` sent by the extension, `result` returned by the runtime. */
export interface RuntimeMethods {
  info: { params: BackendOptions; result: RuntimeInfo };
}
export type RuntimeMethod = keyof RuntimeMethods;

/** Extension → runtime. */
export type RequestMessage = {
  [M in RuntimeMethod]: { readonly type: 'request'; readonly id: number; readonly method: M; readonly params: RuntimeMethods[M]['params'] };
}[RuntimeMethod];
export type ToRuntimeMessage = RequestMessage;

/** Runtime → extension. */
export type FromRuntimeMessage =
  /** Sent once, when the runtime is listening. */
  | { readonly type: 'ready'; readonly pid: number; readonly protocolVersion: ProtocolVersion }
  /** Answer to the request with the same `id`: `result` on success, `error` (one line) on failure. */
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: RuntimeMethods[RuntimeMethod]['result'] }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string }
  /** A line for the "LayerLens" Output channel. */
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

/** Bumped when a message changes shape; the extension refuses a runtime that speaks another version. */
export type ProtocolVersion = 1;
