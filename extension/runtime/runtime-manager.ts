import * as vscode from 'vscode';
import { RuntimeProcess, type RuntimeNotification } from './runtime-process';
import { gpuRuntimeDir } from './install-gpu-runtime';
import type { BackendOptions, BackendPreference, RuntimeInfo } from '../../runtime/protocol';

/**
 * Owns at most one runtime child at a time and starts a fresh one when the last one died, so a crashed or killed
 * runtime costs the user one retry at most, never the extension host.
 */
export class RuntimeManager implements vscode.Disposable {
  private current: RuntimeProcess | undefined;
  private readonly exitEmitter = new vscode.EventEmitter<{ pid: number | undefined; reason: string }>();
  /** Fires when a runtime exits without being disposed by us (crash, kill, OOM). */
  readonly onDidCrash = this.exitEmitter.event;
  private readonly notificationEmitter = new vscode.EventEmitter<RuntimeNotification>();
  /** Run notifications of whichever runtime is current. */
  readonly onNotification = this.notificationEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  /** The live runtime, started if none is running. */
  async get(): Promise<RuntimeProcess> {
    if (this.current?.alive) return this.current;
    const script = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'runtime.js').fsPath;
    const runtime = new RuntimeProcess(script, (level, line) => this.output[level](line));
    this.current = runtime;
    runtime.onNotification((n) => this.notificationEmitter.fire(n));
    runtime.onExit((code, signal) => {
      const reason = signal ? `killed by ${signal}` : `exit code ${String(code)}`;
      if (this.current !== runtime) return; // disposed by us: not a crash
      this.current = undefined;
      this.output.warn(`runtime ${String(runtime.pid)} stopped: ${reason}`);
      this.exitEmitter.fire({ pid: runtime.pid, reason });
    });
    const pid = await runtime.ready;
    this.output.info(`runtime started (pid ${pid})`);
    return runtime;
  }

  /** Backend options from the `layerlens.*` settings. */
  backendOptions(): BackendOptions {
    const preference = vscode.workspace.getConfiguration('layerlens').get<BackendPreference>('backend', 'auto');
    const nodeModuleDirs = [vscode.Uri.joinPath(gpuRuntimeDir(this.context), 'node_modules').fsPath];
    return { preference, nodeModuleDirs };
  }

  /** Stops the current runtime (if any) so the next request starts a fresh one, e.g. after installing a backend. */
  restart(): void {
    const runtime = this.current;
    this.current = undefined;
    runtime?.dispose();
  }

  async info(): Promise<RuntimeInfo> {
    const runtime = await this.get();
    return runtime.request('info', this.backendOptions());
  }

  dispose(): void {
    this.restart();
    this.exitEmitter.dispose();
    this.notificationEmitter.dispose();
  }
}
