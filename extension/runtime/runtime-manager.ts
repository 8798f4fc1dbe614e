import * as vscode from 'vscode';
import { RuntimeProcess } from './runtime-process';
import { RuntimePool, type RuntimeLease } from './runtime-pool';
import { gpuRuntimeDir } from './install-gpu-runtime';
import type { BackendOptions, BackendPreference, RuntimeInfo } from '../../runtime/protocol';

/** `layerlens.verbose` lets the libraries' own warnings (Dawn, TensorFlow.js banners) through to the Output channel. */
function runtimeEnv(): NodeJS.ProcessEnv {
  const verbose = vscode.workspace.getConfiguration('layerlens').get<boolean>('verbose', false);
  return { ...process.env, LAYERLENS_VERBOSE: verbose ? '1' : '0' };
}

/** The runtime that answers Show Runtime Info and the About panel; each training model file gets its own. */
export const SHARED_RUNTIME = 'shared';
/** The runtime of every Inspector panel: analysis never waits for, or stops, a training run. */
export const ANALYSIS_RUNTIME = 'analysis';
/** A runtime nobody holds a lease on (its run ended) is kept this long for "Train again", then stopped. */
const IDLE_RUNTIME_MS = 5 * 60_000;

export type { RuntimeLease };

/**
 * Owns the runtime children, one per key: the shared one, the analysis one, and one per model file being trained, so
 * two model files train side by side and a crash in one run never touches another. Runtimes are handed out as leases
 * (see RuntimePool); a key whose runtime died or failed its handshake gets a fresh one on the next lease.
 */
export class RuntimeManager implements vscode.Disposable {
  private readonly pool: RuntimePool<RuntimeProcess>;
  /** Run notifications of every runtime. */
  readonly onNotification: RuntimePool<RuntimeProcess>['onNotification'];

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {
    const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'runtime.js').fsPath;
    this.pool = new RuntimePool((_key) => new RuntimeProcess(script, (level, line) => this.output[level](line), { env: runtimeEnv() }),
      (level, line) => this.output[level](line), IDLE_RUNTIME_MS);
    this.onNotification = this.pool.onNotification;
  }

  /** A lease on the runtime of `key`, started if needed; it is not stopped while the lease is held. */
  acquire(key: string): Promise<RuntimeLease<RuntimeProcess>> {
    return this.pool.acquire(key);
  }

  /** The live runtime of `key` without starting one. */
  peek(key: string): RuntimeProcess | undefined {
    return this.pool.peek(key);
  }

  /** Backend options from the `layerlens.*` settings. */
  backendOptions(): BackendOptions {
    const preference = vscode.workspace.getConfiguration('layerlens').get<BackendPreference>('backend', 'auto');
    const nodeModuleDirs = [vscode.Uri.joinPath(gpuRuntimeDir(this.context), 'node_modules').fsPath];
    return { preference, nodeModuleDirs };
  }

  /** New leases get fresh runtimes (e.g. after installing a backend); runs in progress keep theirs until they end. */
  restart(): void {
    this.pool.restart();
  }

  async info(): Promise<RuntimeInfo> {
    const lease = await this.acquire(SHARED_RUNTIME);
    try {
      return await lease.runtime.request('info', this.backendOptions());
    } finally {
      lease.dispose();
    }
  }

  dispose(): void {
    this.pool.dispose();
  }
}
