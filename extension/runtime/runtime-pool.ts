import { Emitter, type Listen, type Subscription } from '../util/emitter';
import type { RuntimeExit, RuntimeNotification } from './runtime-process';

/** What the pool needs of a runtime (RuntimeProcess; a fake in unit tests). */
export interface PooledRuntime {
  readonly ready: Promise<number>;
  readonly alive: boolean;
  readonly pid: number | undefined;
  readonly onExit: Listen<RuntimeExit>;
  readonly onNotification: Listen<RuntimeNotification>;
  dispose(): void;
}

/** A claim on the runtime of a key: it is not stopped (idle, restart) while any lease on it is held. */
export interface RuntimeLease<R> extends Subscription {
  readonly key: string;
  readonly runtime: R;
}

interface Entry<R> {
  readonly key: string;
  readonly runtime: R;
  leases: number;
  /** Replaced by a fresh runtime for new leases (after `restart`); stopped when its last lease ends. */
  retired: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Runtime children by key, handed out as reference-counted leases: training a model file, an Inspector panel and the
 * About panel each hold a lease on their own key, so none of them stops a runtime another still uses. A runtime whose
 * ready handshake fails (timeout, other protocol version) is killed and forgotten, so the next lease starts a fresh
 * one; so is one that died. A runtime without leases is stopped after `idleMs`.
 */
export class RuntimePool<R extends PooledRuntime> {
  private readonly current = new Map<string, Entry<R>>();
  private readonly retired = new Set<Entry<R>>();
  private readonly notificationEmitter = new Emitter<RuntimeNotification>();
  /** Run notifications of every runtime in the pool. */
  readonly onNotification = this.notificationEmitter.event;
  private disposed = false;

  constructor(private readonly start: (key: string) => R,
    private readonly log: (level: 'info' | 'warn', line: string) => void, private readonly idleMs: number) {}

  /** A lease on the live runtime of `key` (started if it has none), once it is ready. Dispose it when done. */
  async acquire(key: string): Promise<RuntimeLease<R>> {
    if (this.disposed) throw new Error('LayerLens is shutting down');
    const entry = this.liveEntry(key) ?? this.startEntry(key);
    entry.leases++;
    clearTimeout(entry.idleTimer);
    let released = false;
    const lease: RuntimeLease<R> = {
      key, runtime: entry.runtime,
      dispose: () => { if (!released) { released = true; this.release(entry); } },
    };
    try {
      await entry.runtime.ready;
    } catch (error) {
      lease.dispose();
      throw error;
    }
    return lease;
  }

  /** The live runtime of `key` (also one being replaced after a restart) without starting one. */
  peek(key: string): R | undefined {
    const entry = this.liveEntry(key) ?? [...this.retired].find((e) => e.key === key && e.runtime.alive);
    return entry?.runtime;
  }

  /** How many leases `key`'s current runtime has (0 when it has none). */
  leaseCount(key: string): number { return this.current.get(key)?.leases ?? 0; }

  /**
   * New leases get fresh runtimes (e.g. after installing a backend). Runtimes without leases stop now; leased ones
   * keep serving their holders (a run in progress) and stop when released.
   */
  restart(): void {
    for (const entry of [...this.current.values()]) {
      this.current.delete(entry.key);
      if (entry.leases === 0) this.stop(entry);
      else { entry.retired = true; this.retired.add(entry); }
    }
  }

  /** Kills every runtime, leased or not (deactivation). */
  dispose(): void {
    this.disposed = true;
    for (const entry of [...this.current.values(), ...this.retired]) this.stop(entry);
    this.current.clear();
    this.retired.clear();
    this.notificationEmitter.dispose();
  }

  private liveEntry(key: string): Entry<R> | undefined {
    const entry = this.current.get(key);
    return entry?.runtime.alive ? entry : undefined;
  }

  private startEntry(key: string): Entry<R> {
    const runtime = this.start(key);
    const entry: Entry<R> = { key, runtime, leases: 0, retired: false };
    this.current.set(key, entry);
    runtime.onNotification((n) => this.notificationEmitter.fire(n));
    runtime.onExit(({ code, signal }) => {
      if (!this.forget(entry)) return; // stopped by us: not a crash
      this.log('warn', `runtime ${String(runtime.pid)} (${key}) stopped: ${signal ? `killed by ${signal}` : `exit code ${String(code)}`}`);
    });
    runtime.ready.then(
      (pid) => this.log('info', `runtime started for ${key} (pid ${pid})`),
      (error: unknown) => {
        this.log('warn', `runtime for ${key} failed its handshake and was stopped: ${error instanceof Error ? error.message : String(error)}`);
        this.forget(entry);
        runtime.dispose();
      });
    return entry;
  }

  private release(entry: Entry<R>): void {
    entry.leases = Math.max(0, entry.leases - 1);
    if (entry.leases > 0 || !this.holds(entry)) return;
    if (entry.retired) { this.stop(entry); return; }
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => { if (entry.leases === 0) this.stop(entry); }, this.idleMs);
  }

  private stop(entry: Entry<R>): void {
    clearTimeout(entry.idleTimer);
    this.forget(entry);
    entry.runtime.dispose();
  }

  private holds(entry: Entry<R>): boolean {
    return this.current.get(entry.key) === entry || this.retired.has(entry);
  }

  /** Removes the entry from the pool; false when it was not there any more. */
  private forget(entry: Entry<R>): boolean {
    clearTimeout(entry.idleTimer);
    const wasCurrent = this.current.get(entry.key) === entry && this.current.delete(entry.key);
    return this.retired.delete(entry) || wasCurrent;
  }
}
