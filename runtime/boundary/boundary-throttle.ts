// When to compute a live decision boundary: at most once per `intervalMs`, and only while the time spent on them stays
// within `budget` of the time elapsed (so the picture never costs more than that share of training).
export const BOUNDARY_INTERVAL_MS = 500;
/** 2% of training time: under the 3% streaming-overhead limit together with the rest of the streaming. */
export const BOUNDARY_BUDGET = 0.02;

export class BoundaryThrottle {
  private readonly startedAt: number;
  private last = Number.NEGATIVE_INFINITY;
  private spent = 0;

  constructor(private readonly clock: () => number, private readonly intervalMs = BOUNDARY_INTERVAL_MS,
    private readonly budget = BOUNDARY_BUDGET) {
    this.startedAt = clock();
  }

  due(): boolean {
    const now = this.clock();
    return now - this.last >= this.intervalMs && this.spent <= this.budget * (now - this.startedAt);
  }

  /** Records a computation that took `ms` and just finished. */
  record(ms: number): void {
    this.spent += ms;
    this.last = this.clock();
  }

  /** Share of the elapsed time spent so far (for the bench). */
  get share(): number {
    const elapsed = this.clock() - this.startedAt;
    return elapsed > 0 ? this.spent / elapsed : 0;
  }
}
