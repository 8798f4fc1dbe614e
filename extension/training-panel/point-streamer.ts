// Batches points and progress for the Training panel: at most one `update` message per interval (4 a second by
// default) carrying every row received since the previous one, so nothing is dropped however fast runs report.
// Time is injected so tests can drive it.
import type { MetricRow } from '../../runtime/protocol';
import type { LiveStatus, RunPoints, TrainingToView } from '../../webviews/training/protocol';
import { RunColumns } from './columns';

export type UpdateMessage = Extract<TrainingToView, { type: 'update' }>;

/** The clock and timer the streamer uses (real ones by default). */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  // Monotonic and sub-millisecond, so "250 ms apart" holds by any clock the receiver uses.
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The panel draws new points at most this often (its frame clock), so sending more often only costs: at 10 messages a
 * second the panel's share of a core was 18-20% on XOR (`npm run bench -- panel`), competing with training.
 */
export const UPDATE_INTERVAL_MS = 250;

interface Pending {
  reset: boolean;
  rows: MetricRow[];
}

export class PointStreamer {
  private readonly runs = new Map<string, RunColumns>();
  private readonly pending = new Map<string, Pending>();
  private live: LiveStatus | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private timerSet = false;
  private disposed = false;
  /** Resolvers of `flush()` calls waiting for the next send. */
  private flushWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (message: UpdateMessage) => void,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
  ) {}

  /**
   * Replaces everything the view holds for a run with these rows (its history from disk, possibly empty). Rows
   * appended later at or below the steps given here are dropped as duplicates.
   */
  reset(runId: string, rows: readonly MetricRow[], batchesPerEpoch?: number): void {
    this.runs.set(runId, new RunColumns(batchesPerEpoch));
    this.pending.set(runId, { reset: true, rows: [...rows] });
    this.schedule();
  }

  /** Appends rows of a run (from a live `runMetrics`); a run never reset first starts with these. */
  append(runId: string, rows: readonly MetricRow[]): void {
    if (rows.length === 0) return;
    const pending = this.pending.get(runId);
    if (pending) pending.rows.push(...rows);
    else this.pending.set(runId, { reset: false, rows: [...rows] });
    this.schedule();
  }

  /** The latest progress of the training run; only the newest is sent. */
  progress(live: LiveStatus): void {
    this.live = live;
    this.columnsOf(live.runId).setBatchesPerEpoch(live.batchesPerEpoch);
    this.schedule();
  }

  /** Forgets a run the view no longer shows (nothing pending of it is sent). */
  forget(runId: string): void {
    this.runs.delete(runId);
    this.pending.delete(runId);
  }

  /**
   * Sends whatever is pending as soon as the interval allows (at once when it has passed); resolves once it was sent
   * (a run ended, or a test wants the state after every point). Never breaks the rate limit.
   */
  flush(): Promise<void> {
    if (this.disposed || (this.pending.size === 0 && !this.live)) return Promise.resolve();
    if (this.scheduler.now() - this.lastSent >= this.intervalMs) {
      this.sendNow();
      return Promise.resolve();
    }
    this.schedule();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.pending.clear();
    this.releaseFlushWaiters();
  }

  private columnsOf(runId: string): RunColumns {
    let columns = this.runs.get(runId);
    if (!columns) this.runs.set(runId, columns = new RunColumns(undefined));
    return columns;
  }

  private schedule(): void {
    if (this.disposed || this.timerSet) return;
    const wait = Math.max(0, Math.ceil(this.lastSent + this.intervalMs - this.scheduler.now()));
    this.timerSet = true;
    // Even when the interval has passed, wait for the current task to end so rows that arrive together go together.
    this.timer = this.scheduler.setTimeout(() => {
      this.timerSet = false;
      // Timers count whole milliseconds and may fire a fraction early by this clock: then wait on.
      if (this.scheduler.now() - this.lastSent < this.intervalMs) this.schedule();
      else this.sendNow();
    }, wait);
  }

  private sendNow(): void {
    this.clearTimer();
    const points: RunPoints[] = [];
    for (const [runId, pending] of this.pending) {
      const taken = this.columnsOf(runId).take(pending.rows);
      if (!pending.reset && taken.count === 0) continue;
      points.push({ runId, reset: pending.reset, batch: taken.batch, epoch: taken.epoch });
    }
    this.pending.clear();
    const live = this.live;
    this.live = undefined;
    if (points.length > 0 || live) {
      this.lastSent = this.scheduler.now();
      this.send({ type: 'update', points, ...(live ? { live } : {}) });
    }
    this.releaseFlushWaiters();
  }

  private releaseFlushWaiters(): void {
    for (const resolve of this.flushWaiters.splice(0)) resolve();
  }

  private clearTimer(): void {
    if (this.timerSet) this.scheduler.clearTimeout(this.timer);
    this.timerSet = false;
  }
}

