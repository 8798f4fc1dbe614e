import { fork, type ChildProcess } from 'node:child_process';
import {
  PROTOCOL_VERSION, type FromRuntimeMessage, type RequestOf, type RuntimeMethod, type RuntimeMethods,
} from '../../runtime/protocol';
import { NativeChatterFilter, verboseOutput } from '../../runtime/backends/native-chatter';
import { Emitter } from '../util/emitter';
import { parseRuntimeMessage, RESULT_GUARDS } from './runtime-messages';

/** How long a new runtime may take to say `ready` (it loads nothing heavy before that). */
const READY_TIMEOUT_MS = 30_000;

interface Pending {
  accept(result: unknown): void;
  reject(error: Error): void;
  /** The request's `progress` messages (long analyses such as robustness). */
  progress?(done: number, total: number): void;
}

/** Messages the runtime sends on its own (not answers): run lifecycle and metrics. */
export type RuntimeNotification = Extract<FromRuntimeMessage, { type: 'runStarted' | 'runMetrics' }>;

export interface RuntimeExit { readonly code: number | null; readonly signal: NodeJS.Signals | null }

export interface RuntimeProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly readyTimeoutMs?: number;
}

/**
 * One runtime child process: forked with an IPC channel (`serialization: 'advanced'`, so typed arrays cross as they
 * are), a ready handshake, and request/response matched by id. Every inbound message is checked before it is
 * trusted, each result against its method's type. A runtime that fails the handshake (no `ready` in time, or another
 * protocol version) is killed. When it dies, every pending request is rejected and `onExit` fires; it never throws
 * into the extension host. Owned by whoever created it; `dispose()` kills it.
 */
export class RuntimeProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly exitEmitter = new Emitter<RuntimeExit>();
  private readonly notificationEmitter = new Emitter<RuntimeNotification>();
  private nextId = 1;
  private exited = false;
  /** Resolves with the runtime's PID once it said `ready` with our protocol version. */
  readonly ready: Promise<number>;
  readonly onExit = this.exitEmitter.event;
  readonly onNotification = this.notificationEmitter.event;

  constructor(runtimeScript: string, private readonly log: (level: 'info' | 'warn' | 'error', line: string) => void,
    options: RuntimeProcessOptions = {}) {
    this.child = fork(runtimeScript, [], {
      serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], env: options.env ?? process.env,
    });
    this.child.stdout?.on('data', (d: Buffer) => this.log('info', `[runtime] ${d.toString().trimEnd()}`));
    // Dawn's native warnings reach the runtime's stderr unfiltered; they stay out of the Output channel unless verbose.
    const stderr = new NativeChatterFilter((text) => this.log('warn', `[runtime] ${text.trimEnd()}`), verboseOutput(options.env ?? process.env));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => stderr.push(text));
    this.child.stderr?.on('end', () => stderr.end());
    this.ready = new Promise<number>((resolve, reject) => {
      const fail = (error: Error) => { clearTimeout(timer); reject(error); this.dispose(); };
      const timer = setTimeout(() => fail(new Error('the runtime did not start in time')), options.readyTimeoutMs ?? READY_TIMEOUT_MS);
      this.child.on('message', (raw: unknown) => {
        const message = parseRuntimeMessage(raw);
        if (!message) { this.log('warn', `malformed runtime message ignored: ${preview(raw)}`); return; }
        if (message.type !== 'ready') { this.onMessage(message); return; }
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          fail(new Error(`the runtime speaks protocol ${message.protocolVersion}, this extension ${PROTOCOL_VERSION}`));
        } else {
          clearTimeout(timer);
          resolve(message.pid);
        }
      });
      this.child.on('error', (error) => fail(error));
      this.child.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(exitText(code, signal))); });
    });
    this.ready.catch(() => undefined); // observed by callers of request(); never an unhandled rejection
    this.child.on('exit', (code, signal) => this.handleExit(code, signal));
  }

  get pid(): number | undefined { return this.child.pid; }
  get alive(): boolean { return !this.exited; }

  /**
   * Sends a request once the runtime is ready and resolves with its result, checked against the method's type. An
   * aborted `signal` fails the request with `cancelled` and tells the runtime to `cancel` it.
   */
  async request<M extends RuntimeMethod>(method: M, params: RuntimeMethods[M]['params'],
    signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<RuntimeMethods[M]['result']> {
    await this.ready;
    if (this.exited) throw new Error('the runtime has exited');
    if (signal?.aborted) throw new Error('cancelled');
    const id = this.nextId++;
    const isResult = RESULT_GUARDS[method];
    return new Promise<RuntimeMethods[M]['result']>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        reject(new Error('cancelled'));
        void this.request('cancel', { id }).catch(() => undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        accept: (result) => {
          settle();
          if (isResult(result)) resolve(result);
          else reject(new Error(`the runtime answered ${method} with a malformed result`));
        },
        reject: (error) => { settle(); reject(error); },
        ...(onProgress ? { progress: onProgress } : {}),
      });
        const message: RequestOf<M> = { type: 'request', id, method, params };
      this.send(message);
    });
  }

  dispose(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Sends one typed request (a `ToRuntimeMessage`); a failed send fails it. */
  private send<M extends RuntimeMethod>(message: RequestOf<M>): void {
    this.child.send(message, (error) => {
      const waiter = this.pending.get(message.id);
      if (error && waiter) { this.pending.delete(message.id); waiter.reject(error); }
    });
  }

  private onMessage(message: Exclude<FromRuntimeMessage, { type: 'ready' }>): void {
    switch (message.type) {
      case 'log':
        this.log(message.level, message.message);
        return;
      case 'runStarted':
      case 'runMetrics':
        this.notificationEmitter.fire(message);
        return;
      case 'progress':
        this.pending.get(message.id)?.progress?.(message.done, message.total);
        return;
      case 'response': {
        const waiter = this.pending.get(message.id);
        if (!waiter) return; // cancelled meanwhile: its answer is dropped
        this.pending.delete(message.id);
        if (message.ok) waiter.accept(message.result);
        else waiter.reject(new Error(message.error));
        return;
      }
      default: {
        const unexpected: never = message;
        this.log('warn', `unexpected runtime message ${preview(unexpected)}`);
      }
    }
  }

  private handleExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const error = new Error(exitText(code, signal));
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    this.exitEmitter.fire({ code, signal });
    this.exitEmitter.dispose();
    this.notificationEmitter.dispose();
  }
}

function exitText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `the runtime was killed (${signal})` : `the runtime exited with code ${String(code)}`;
}

function preview(value: unknown): string {
  try { return (JSON.stringify(value) ?? String(value)).slice(0, 200); } catch { return String(value); }
}
