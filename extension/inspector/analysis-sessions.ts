import type { RuntimeLease, RuntimeManager } from '../runtime/runtime-manager';
import { ANALYSIS_RUNTIME } from '../runtime/runtime-manager';
import type { RuntimeProcess } from '../runtime/runtime-process';
import type { AnalysisInput, FeatureMapsResult, OpenRunResult, RuntimeMethod, RuntimeMethods } from '../../runtime/protocol';

/** A run at an epoch; `null` is the final model. */
export interface SessionKey { readonly runDir: string; readonly epoch: number | null }

/** The runtime keeps at most two sessions loaded; a request on an evicted one fails with this and is retried once. */
const EVICTED = /no open analysis session/;

/**
 * One Inspector panel's access to the analysis runtime: a lease on it (so training never waits for, or is stopped by,
 * an open panel, and the panel's runtime is not stopped while it is open), the runs it opened by run and epoch, and
 * one retry when the runtime evicted a session (it keeps the two used last) or was restarted.
 */
export class AnalysisSessions {
  private lease: Promise<RuntimeLease<RuntimeProcess>> | undefined;
  /** The epoch opened last per run folder (the runtime's session of a run holds that epoch's weights). */
  private readonly sessions = new Map<string, { readonly id: string; readonly opening: Promise<OpenRunResult> }>();
  private disposed = false;

  constructor(private readonly runtimes: RuntimeManager) {}

  /**
   * Opens the run at an epoch. The runtime keeps one session per run folder and switches its weights when another
   * epoch is opened, so only the epoch opened last for a run is reused; any other epoch is opened (switched) again.
   */
  open(key: SessionKey, signal?: AbortSignal): Promise<OpenRunResult> {
    const id = sessionKey(key);
    const last = this.sessions.get(key.runDir);
    let opening = last?.id === id ? last.opening : undefined;
    if (!opening) {
      opening = this.request('openRun', {
        runDir: key.runDir, backend: this.runtimes.backendOptions(), ...(key.epoch === null ? {} : { epoch: key.epoch }),
      });
      const entry = { id, opening };
      this.sessions.set(key.runDir, entry);
      opening.catch(() => { if (this.sessions.get(key.runDir) === entry) this.sessions.delete(key.runDir); });
    }
    return signal ? abortable(opening, signal) : opening;
  }

  featureMaps(key: SessionKey, layerIds: readonly string[], input: AnalysisInput, signal?: AbortSignal): Promise<FeatureMapsResult> {
    return this.withSession(key, signal, (sessionId) => this.request('featureMaps', { sessionId, layerIds, input }, signal));
  }

  /** Lets the runtime go; `closeSessions` (default) closes the runs this holder opened first. */
  dispose(options: { closeSessions?: boolean } = {}): void {
    this.disposed = true;
    const lease = this.lease;
    this.lease = undefined;
    const sessions = options.closeSessions === false ? [] : [...this.sessions.values()].map((entry) => entry.opening);
    this.sessions.clear();
    if (!lease) return;
    // Close what this panel opened, then let the runtime go (it idles out when no other panel holds it).
    void (async () => {
      try {
        const held = await lease;
        await Promise.allSettled(sessions.map(async (s) => held.runtime.request('closeRun', { sessionId: (await s).sessionId })));
        held.dispose();
      } catch {
        // The runtime never started or died: nothing to close, no lease held.
      }
    })();
  }

  /** Runs `action` on the key's session; when the runtime forgot it, opens it again once. */
  async withSession<T>(key: SessionKey, signal: AbortSignal | undefined, action: (sessionId: string) => Promise<T>): Promise<T> {
    const { sessionId } = await this.open(key, signal);
    try {
      return await action(sessionId);
    } catch (error) {
      if (!(error instanceof Error) || !EVICTED.test(error.message)) throw error;
      this.sessions.delete(key.runDir);
      return action((await this.open(key, signal)).sessionId);
    }
  }

  /** A typed request to the analysis runtime, taking a lease on it first (again if it died). */
  async request<M extends RuntimeMethod>(method: M, params: RuntimeMethods[M]['params'],
    signal?: AbortSignal): Promise<RuntimeMethods[M]['result']> {
    if (this.disposed) throw new Error('the Inspector was closed');
    const runtime = await this.runtime();
    return runtime.request(method, params, signal);
  }

  private async runtime(): Promise<RuntimeProcess> {
    const held = this.lease ? await this.lease.catch(() => undefined) : undefined;
    if (held?.runtime.alive) return held.runtime;
    held?.dispose();
    this.sessions.clear(); // a new runtime holds none of them
    const acquiring = this.runtimes.acquire(ANALYSIS_RUNTIME);
    this.lease = acquiring;
    acquiring.catch(() => { if (this.lease === acquiring) this.lease = undefined; });
    const lease = await acquiring;
    if (this.disposed) { lease.dispose(); throw new Error('the Inspector was closed'); }
    return lease.runtime;
  }
}

export function sessionKey(key: SessionKey): string {
  return `${key.runDir}@${key.epoch ?? 'final'}`;
}

/** Rejects with `cancelled` when `signal` aborts first; the shared promise itself goes on (others may await it). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
