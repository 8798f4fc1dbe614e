// The best epoch by validation metric, which checkpoint pruning always keeps: the highest validation accuracy when
// the run has one, else the lowest validation loss, else the lowest training loss.

export interface EpochValues {
  readonly epoch: number;
  readonly values: Readonly<Record<string, number>>;
}

/** The metric that decides, and whether higher is better, from one epoch's value names. */
function criterion(names: readonly string[]): { readonly name: string; readonly higher: boolean } | undefined {
  const accuracy = names.find((n) => /^val_.*acc/i.test(n));
  if (accuracy) return { name: accuracy, higher: true };
  if (names.includes('val_loss')) return { name: 'val_loss', higher: false };
  if (names.includes('loss')) return { name: 'loss', higher: false };
  return undefined;
}

/** Tracks the best epoch seen so far. */
export class BestEpoch {
  private best: EpochValues | undefined;

  constructor(previous: readonly EpochValues[] = []) {
    for (const epoch of previous) this.offer(epoch);
  }

  get epoch(): number | undefined {
    return this.best?.epoch;
  }

  offer(candidate: EpochValues): void {
    const rule = criterion(Object.keys(candidate.values));
    const value = rule ? candidate.values[rule.name] : undefined;
    if (!rule || value === undefined || !Number.isFinite(value)) return;
    const current = this.best?.values[rule.name];
    if (current === undefined || !Number.isFinite(current) || (rule.higher ? value > current : value < current)) this.best = candidate;
  }
}
