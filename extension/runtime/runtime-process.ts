import { fork, type ChildProcess } from 'node:child_process';
import type { FromRuntimeMessage, RuntimeMethod, RuntimeMethods } from '../../runtime/protocol';

/** How long a new runtime may take to say `ready` (it loads nothing heavy before that). */
const READY_TIMEOUT_MS = 30_000;

interface Pending { resolve(value: unknown): void; reject(error: Error): void }

/** Messages the runtime sends on its own (not answers): run lifecycle and metrics. */
export type RuntimeNotification = Extract<FromRuntimeMessage, { type: 'runStarted' | 'runMetrics' | 'progress' }>;

/**
 * One runtime child process: forked with an IPC channel (`serialization: 'advanced'`), a ready handshake, and
 * request/response matched by id. Owned by whoever created it; `dispose()` kills it. When it dies, every pending
 * request is rejected and `onExit` listeners learn the code and signal; it never throws into the extension host.
 */
export class RuntimeProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  private readonly notificationListeners: ((notification: RuntimeNotification) => void)[] = [];
  private nextId = 1;
  private exited = false;
  readonly ready: Promise<number>;

  constructor(runtimeScript: string, private readonly log: (level: 'info' | 'warn' | 'error', line: string) => void,
    env: NodeJS.ProcessEnv = process.env) {
    this.child = fork(runtimeScript, [], {
      serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], env,
    });
    this.child.stdout?.on('data', (d: Buffer) => this.log('info', `[runtime] ${d.toString().trimEnd()}`));
    this.child.stderr?.on('data', (d: Buffer) => this.log('warn', `[runtime] ${d.toString().trimEnd()}`));
    this.ready = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the runtime did not start in time')), READY_TIMEOUT_MS);
      this.child.on('message', (raw) => {
        const message = raw as FromRuntimeMessage;
        if (message.type === 'ready') {
          clearTimeout(timer);
          if (message.protocolVersion !== 1) reject(new Error(`runtime speaks protocol ${String(message.protocolVersion)}`));
          else resolve(message.pid);
        } else this.onMessage(message);
      });
      this.child.on('error', (error) => { clearTimeout(timer); reject(error); });
      this.child.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(exitText(code, signal))); });
    });
    this.ready.catch(() => undefined); // observed by callers of request(); never an unhandled rejection
    this.child.on('exit', (code, signal) => this.handleExit(code, signal));
  }

  get pid(): number | undefined { return this.child.pid; }
  get alive(): boolean { return !this.exited; }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(listener);
  }

  onNotification(listener: (notification: RuntimeNotification) => void): void {
    this.notificationListeners.push(listener);
  }

  /** Sends a request once the runtime is ready and resolves with its typed result. */
  async request<M extends RuntimeMethod>(method: M, params: RuntimeMethods[M]['params']): Promise<RuntimeMethods[M]['result']> {
    await this.ready;
    if (this.exited) throw new Error('the runtime has exited');
    const id = this.nextId++;
    return new Promise<RuntimeMethods[M]['result']>((resolve, reject) => {
      // The response carries the result of this method: the protocol pairs it by id.
      this.pending.set(id, { resolve: (value) => resolve(value as RuntimeMethods[M]['result']), reject });
      const message = { type: 'request', id, method, params };
      this.child.send(message, (error) => {
        if (error) { this.pending.delete(id); reject(error); }
      });
    });
  }

  dispose(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private onMessage(message: FromRuntimeMessage): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'log':
        this.log(message.level, message.message);
        return;
      case 'runStarted':
      case 'runMetrics':
      case 'progress':
        for (const listener of this.notificationListeners) listener(message);
        return;
      case 'response': {
        const waiter = this.pending.get(message.id);
        if (!waiter) { this.log('warn', `runtime answered unknown request ${message.id}`); return; }
        this.pending.delete(message.id);
        if (message.ok) waiter.resolve(message.result);
        else waiter.reject(new Error(message.error));
        return;
      }
      default: {
        const unexpected: never = message;
        this.log('warn', `unexpected runtime message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private handleExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const error = new Error(exitText(code, signal));
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    for (const listener of this.exitListeners) listener(code, signal);
  }
}

function exitText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `the runtime was killed (${signal})` : `the runtime exited with code ${String(code)}`;
}
