// Batches metric rows for the parent process: at most one message per `intervalMs` (10 a second by default), each
// carrying every row since the previous one, so nothing is dropped however fast batches arrive. Rows that arrive
// inside the interval are sent by a trailing timer, so a slow next batch does not hold them back.

/** Milliseconds; injectable so tests can drive time. */
export type Clock = () => number;

export const METRICS_INTERVAL_MS = 100;

export class MetricsBatcher<Row> {
  private pending: Row[] = [];
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (rows: Row[]) => void,
    private readonly clock: Clock,
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {}

  push(row: Row): void {
    this.pending.push(row);
    if (this.clock() - this.lastSent >= this.intervalMs) this.sendNow();
    else this.scheduleTrailing();
  }

  /** Sends whatever is pending now, whatever the interval (end of a run). */
  flush(): void {
    this.clearTimer();
    if (this.pending.length > 0) this.sendNow();
  }

  /** Stops the trailing timer without sending. */
  dispose(): void {
    this.clearTimer();
  }

  private sendNow(): void {
    this.clearTimer();
    const rows = this.pending;
    this.pending = [];
    this.lastSent = this.clock();
    this.send(rows);
  }

  private scheduleTrailing(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(1, this.intervalMs - (this.clock() - this.lastSent));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pending.length === 0) return;
      if (this.clock() - this.lastSent >= this.intervalMs) this.sendNow();
      else this.scheduleTrailing();
    }, wait);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
