// The loaded runs of one runtime process, most recently used first. At most `capacity` (2) stay loaded: a model
// and its data set can take hundreds of megabytes, and a panel rarely needs more than the run it shows plus the
// one it is comparing with. Evicted and closed sessions are disposed (their model, data and cached tensors).
import { AnalysisSession } from './session';
import type { LoadedRun } from './run-loader';

export const MAX_LOADED_RUNS = 2;

/** Loads a run folder at an epoch (undefined: the final model). */
export type RunLoader = (runDir: string, epoch: number | undefined) => Promise<LoadedRun>;

export class SessionCache {
  /** Most recently used first. */
  private sessions: AnalysisSession[] = [];
  /** Loads in progress by run folder, so two opens of one run share one load. */
  private readonly loading = new Map<string, Promise<AnalysisSession>>();
  private nextId = 1;

  constructor(private readonly load: RunLoader, private readonly capacity = MAX_LOADED_RUNS) {}

  /**
   * The session of `runDir` with the weights of `epoch` loaded. One session per run folder: opening a run that is
   * already loaded switches its weights (fast: the data set stays) and returns the same session id.
   */
  async open(runDir: string, epoch: number | undefined): Promise<AnalysisSession> {
    const pending = this.loading.get(runDir);
    if (pending) await pending.catch(() => undefined);
    const existing = this.sessions.find((session) => session.runDir === runDir);
    if (existing) {
      existing.switchEpoch(epoch);
      this.touch(existing);
      return existing;
    }
    const loading = this.load(runDir, epoch).then((run) => AnalysisSession.open(`session-${this.nextId++}`, run));
    this.loading.set(runDir, loading);
    try {
      const session = await loading;
      this.sessions.unshift(session);
      this.evictBeyondCapacity();
      return session;
    } finally {
      this.loading.delete(runDir);
    }
  }

  /** The open session `id`, now the most recently used; throws a one-line error for an unknown or evicted id. */
  get(id: string): AnalysisSession {
    const session = this.sessions.find((candidate) => candidate.id === id);
    if (!session) throw new Error(`no open analysis session '${id}' (closed, or evicted by newer runs); open the run again`);
    this.touch(session);
    return session;
  }

  /** Disposes the session; false when it was not open. */
  close(id: string): boolean {
    const session = this.sessions.find((candidate) => candidate.id === id);
    if (!session) return false;
    this.sessions = this.sessions.filter((candidate) => candidate !== session);
    session.dispose();
    return true;
  }

  /** Ids of the loaded sessions, most recently used first. */
  get ids(): readonly string[] {
    return this.sessions.map((session) => session.id);
  }

  /** Disposes every session (e.g. when the backend changes, since their tensors live on the old one). */
  clear(): void {
    for (const session of this.sessions) session.dispose();
    this.sessions = [];
  }

  private touch(session: AnalysisSession): void {
    this.sessions = [session, ...this.sessions.filter((candidate) => candidate !== session)];
  }

  private evictBeyondCapacity(): void {
    for (const evicted of this.sessions.splice(this.capacity)) evicted.dispose();
  }
}
