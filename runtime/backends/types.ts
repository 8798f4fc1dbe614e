// Shared types of the backend ladder (runtime child process only).

import type { BackendPreference, RuntimeInfo } from '../protocol';

/** The `layerlens.backend` setting (defined by the protocol): `auto` walks the ladder, any other value names one rung. */
export type { BackendPreference };

/** A rung of the ladder, in `auto` order. */
export type BackendName = Exclude<BackendPreference, 'auto'>;

export const LADDER_ORDER: readonly BackendName[] = ['cuda', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

export interface SelectBackendOptions {
  readonly preference: BackendPreference;
  /**
   * Folders searched (in order) for @tensorflow/tfjs-node(-gpu) before the runtime's own node_modules: a folder
   * holding node_modules/ (e.g. the extension's global storage after `npm install --prefix`) or a node_modules
   * folder itself; resolution is Node's, via createRequire.
   */
  readonly nodeModuleDirs: readonly string[];
  /**
   * Also look for those packages in the runtime's own node_modules (default true). False restricts the search to
   * `nodeModuleDirs`, so tests get the same ladder whether or not the optional dependency happens to be installed.
   */
  readonly searchRuntimeModules?: boolean;
  /** Folder holding tfjs-backend-wasm*.wasm; defaults to the installed package's dist/ folder. */
  readonly wasmDir?: string;
  /** Receives one line per step (rung tried, rung failed, rung chosen). */
  readonly log?: (line: string) => void;
}

/**
 * What the ladder chose: the protocol's `RuntimeInfo` (which documents each field) less what only the process knows,
 * with the rung typed.
 */
export type BackendSelection = Omit<RuntimeInfo, 'pid' | 'tfjsVersion' | 'backend'> & {
  /** The rung chosen. */
  readonly backend: BackendName;
};

/** What a rung reports: a working backend (already set with tf.setBackend) or why it cannot be used. */
export type RungOutcome =
  | { readonly type: 'ready'; readonly selection: Omit<BackendSelection, 'backend' | 'reasons'> }
  | { readonly type: 'unavailable'; readonly reason: string };

export interface RungContext {
  /** True when the user named this rung (not `auto`): software devices are then accepted. */
  readonly explicit: boolean;
  readonly nodeModuleDirs: readonly string[];
  /** See SelectBackendOptions.searchRuntimeModules. */
  readonly searchRuntimeModules: boolean;
  readonly wasmDir: string | undefined;
  readonly log: (line: string) => void;
}

/** Thrown when an explicitly named backend cannot be used; `reasons` holds the rung's one-line reason. */
export class BackendUnavailableError extends Error {
  constructor(readonly preference: BackendPreference, readonly reasons: readonly string[]) {
    super(`Backend '${preference}' is unavailable: ${reasons.join('; ')}`);
    this.name = 'BackendUnavailableError';
  }
}
