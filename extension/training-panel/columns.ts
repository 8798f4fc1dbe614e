// Turns metric rows of one run into the columnar blocks the Training panel receives (typed arrays, one column per
// metric), dropping rows the panel already has and keeping the epoch axis monotonic.
import type { MetricRow } from '../../runtime/protocol';
import type { ColumnBlock } from '../../webviews/training/protocol';

type Kind = MetricRow['kind'];

/** Columns of the given rows (all of one kind). Metric columns are the union of the rows' names; NaN where absent. */
export function toColumnBlock(rows: readonly MetricRow[], epochPosition: (row: MetricRow) => number): ColumnBlock {
  const step = new Float64Array(rows.length);
  const epoch = new Float64Array(rows.length);
  const values: Record<string, Float64Array> = {};
  rows.forEach((row, index) => {
    step[index] = row.step;
    epoch[index] = epochPosition(row);
    for (const [name, value] of Object.entries(row.values)) {
      const column = values[name] ??= new Float64Array(rows.length).fill(Number.NaN);
      // metrics.jsonl writes a NaN or infinite loss as null (JSON has no NaN).
      column[index] = typeof value === 'number' ? value : Number.NaN;
    }
  });
  return { step, epoch, values };
}

export function emptyColumnBlock(): ColumnBlock {
  return { step: new Float64Array(0), epoch: new Float64Array(0), values: {} };
}

/** Infers batches per epoch from rows on disk: the largest `batch` of an epoch that has ended, else of any epoch. */
export function inferBatchesPerEpoch(rows: readonly MetricRow[]): number | undefined {
  const ended = new Set(rows.filter((r) => r.kind === 'epoch').map((r) => r.epoch));
  let fromEnded = 0;
  let fromAny = 0;
  for (const row of rows) {
    if (row.kind !== 'batch' || row.batch === undefined) continue;
    fromAny = Math.max(fromAny, row.batch);
    if (ended.has(row.epoch)) fromEnded = Math.max(fromEnded, row.batch);
  }
  return fromEnded > 0 ? fromEnded : fromAny > 0 ? fromAny : undefined;
}

/**
 * Per-run state of what was sent: the last step of each kind (rows at or below it are duplicates, e.g. a live row that
 * was also read from disk) and the last epoch position (so the epoch axis never goes back when batchesPerEpoch was
 * only inferred from a partial epoch).
 */
export class RunColumns {
  private readonly lastStep: Record<Kind, number> = { batch: Number.NEGATIVE_INFINITY, epoch: Number.NEGATIVE_INFINITY };
  private readonly lastEpochX: Record<Kind, number> = { batch: Number.NEGATIVE_INFINITY, epoch: Number.NEGATIVE_INFINITY };

  constructor(private batchesPerEpoch: number | undefined) {}

  /** Known for sure once a progress message says it. */
  setBatchesPerEpoch(value: number): void {
    if (value > 0) this.batchesPerEpoch = value;
  }

  /** Keeps the rows not sent yet (in order) and returns them as one block per kind. */
  take(rows: readonly MetricRow[]): { batch: ColumnBlock; epoch: ColumnBlock; count: number } {
    const fresh: Record<Kind, MetricRow[]> = { batch: [], epoch: [] };
    for (const row of rows) {
      if (row.step <= this.lastStep[row.kind]) continue;
      this.lastStep[row.kind] = row.step;
      fresh[row.kind].push(row);
    }
    return {
      batch: toColumnBlock(fresh.batch, (row) => this.epochPosition(row)),
      epoch: toColumnBlock(fresh.epoch, (row) => this.epochPosition(row)),
      count: fresh.batch.length + fresh.epoch.length,
    };
  }

  private epochPosition(row: MetricRow): number {
    const perEpoch = this.batchesPerEpoch;
    const x = row.kind === 'batch' && row.batch !== undefined && perEpoch !== undefined
      ? row.epoch - 1 + Math.min(row.batch, perEpoch) / perEpoch
      : row.epoch;
    const monotonic = Math.max(x, this.lastEpochX[row.kind]);
    this.lastEpochX[row.kind] = monotonic;
    return monotonic;
  }
}
