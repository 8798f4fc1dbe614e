import * as vscode from 'vscode';
import { RuntimeProcess, type RuntimeNotification } from './runtime-process';
import { gpuRuntimeDir } from './install-gpu-runtime';
import type { BackendOptions, BackendPreference, RuntimeInfo } from '../../runtime/protocol';

/** `layerlens.verbose` lets the libraries' own warnings (Dawn, TensorFlow.js banners) through to the Output channel. */
function runtimeEnv(): NodeJS.ProcessEnv {
  const verbose = vscode.workspace.getConfiguration('layerlens').get<boolean>('verbose', false);
  return { ...process.env, LAYERLENS_VERBOSE: verbose ? '1' : '0' };
}

/** The runtime that answers Show Runtime Info and the About panel; each training model file gets its own. */
export const SHARED_RUNTIME = 'shared';
/** A released runtime (its run ended) is kept this long for "Train again", then stopped to free its memory. */
const IDLE_RUNTIME_MS = 5 * 60_000;

/**
 * Owns the runtime children, one per key: the shared one, and one per model file being trained, so two model files
 * train side by side and a crash in one run never touches another. A key whose runtime died gets a fresh one on the
 * next request, so a crashed or killed runtime costs the user one retry at most, never the extension host.
 */
export class RuntimeManager implements vscode.Disposable {
  private readonly runtimes = new Map<string, RuntimeProcess>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly notificationEmitter = new vscode.EventEmitter<RuntimeNotification>();
  /** Run notifications of every runtime. */
  readonly onNotification = this.notificationEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  /** The live runtime of `key`, started if it has none. */
  async get(key: string = SHARED_RUNTIME): Promise<RuntimeProcess> {
    this.cancelIdle(key);
    const existing = this.runtimes.get(key);
    if (existing?.alive) return existing;
    const script = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'runtime.js').fsPath;
    const runtime = new RuntimeProcess(script, (level, line) => this.output[level](line), runtimeEnv());
    this.runtimes.set(key, runtime);
    runtime.onNotification((n) => this.notificationEmitter.fire(n));
    runtime.onExit((code, signal) => {
      if (this.runtimes.get(key) !== runtime) return; // stopped by us: not a crash
      this.runtimes.delete(key);
      this.output.warn(`runtime ${String(runtime.pid)} stopped: ${signal ? `killed by ${signal}` : `exit code ${String(code)}`}`);
    });
    const pid = await runtime.ready;
    this.output.info(`runtime started (pid ${pid})`);
    return runtime;
  }

  /** The live runtime of `key` without starting one. */
  peek(key: string): RuntimeProcess | undefined {
    const runtime = this.runtimes.get(key);
    return runtime?.alive ? runtime : undefined;
  }

  /** `key` needs its runtime no more for now: stop it after a while unless `get` asks for it again. */
  release(key: string): void {
    this.cancelIdle(key);
    this.idleTimers.set(key, setTimeout(() => { this.idleTimers.delete(key); this.stop(key); }, IDLE_RUNTIME_MS));
  }

  /** Backend options from the `layerlens.*` settings. */
  backendOptions(): BackendOptions {
    const preference = vscode.workspace.getConfiguration('layerlens').get<BackendPreference>('backend', 'auto');
    const nodeModuleDirs = [vscode.Uri.joinPath(gpuRuntimeDir(this.context), 'node_modules').fsPath];
    return { preference, nodeModuleDirs };
  }

  /** Stops every runtime so the next request starts fresh ones, e.g. after installing a backend. */
  restart(): void {
    for (const key of [...this.runtimes.keys()]) this.stop(key);
  }

  async info(): Promise<RuntimeInfo> {
    const runtime = await this.get();
    return runtime.request('info', this.backendOptions());
  }

  dispose(): void {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.restart();
    this.notificationEmitter.dispose();
  }

  private stop(key: string): void {
    this.cancelIdle(key);
    const runtime = this.runtimes.get(key);
    this.runtimes.delete(key);
    runtime?.dispose();
  }

  private cancelIdle(key: string): void {
    const timer = this.idleTimers.get(key);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(key);
  }
}
