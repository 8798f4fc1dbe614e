// When to compute a live decision boundary: at most once per `intervalMs`, and only while the time spent on them stays
// within `budget` of the time elapsed (so the picture never costs more than that share of training).
export const BOUNDARY_INTERVAL_MS = 500;
/**
 * 1% of training time, epoch-end frames included, so that with the panel's own cost the streaming stays under the 3%
 * overhead limit (`npm run bench -- panel` measured the panel at 0-2% on XOR, with ±2-3% of noise). On tiny models one
 * 64×64 predict costs about as much as a training batch, so this budget, not the interval, decides.
 */
export const BOUNDARY_BUDGET = 0.01;

export class BoundaryThrottle {
  private readonly startedAt: number;
  /** The first live frame waits an interval too: the first epoch end (usually sooner) gets the budget first. */
  private last: number;
  private spent = 0;

  constructor(private readonly clock: () => number, private readonly intervalMs = BOUNDARY_INTERVAL_MS,
    private readonly budget = BOUNDARY_BUDGET) {
    this.startedAt = clock();
    this.last = this.startedAt;
  }

  /** A frame fits: the interval has passed (unless `anyInterval`, for epoch ends) and the budget is not spent. */
  due(anyInterval = false): boolean {
    const now = this.clock();
    return (anyInterval || now - this.last >= this.intervalMs) && this.spent <= this.budget * (now - this.startedAt);
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
