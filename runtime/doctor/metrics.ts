// Reading epoch series out of metrics.jsonl rows.
import type { MetricRow } from '../protocol';

/** Epoch rows in order; a resumed run may repeat an epoch, the later row wins. */
export function epochRows(rows: readonly MetricRow[]): MetricRow[] {
  const byEpoch = new Map<number, MetricRow>();
  for (const row of rows) if (row.kind === 'epoch') byEpoch.set(row.epoch, row);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The values of `metric` over the epochs that have it. */
export function series(rows: readonly MetricRow[], metric: string): number[] {
  return epochRows(rows).map((r) => r.values[metric]).filter((v): v is number => v !== undefined && Number.isFinite(v));
}

/** Optimizer steps taken so far (the step of the last row). */
export function stepsTaken(rows: readonly MetricRow[]): number {
  return rows.reduce((most, r) => Math.max(most, r.step), 0);
}

export const fmt = (x: number): string => (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(2) : x.toExponential(1));
