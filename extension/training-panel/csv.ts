// CSV of the rows of the runs the Training panel shows: one line per metrics.jsonl row, one column per metric
// (the union over the runs, `loss` first), RFC 4180 quoting, LF line ends.
import type { MetricRow } from '../../runtime/protocol';

export interface RunRows {
  readonly runId: string;
  readonly rows: readonly MetricRow[];
}

const FIXED_COLUMNS = ['run', 'kind', 'step', 'epoch', 'batch', 'time'] as const;

export function metricsCsv(runs: readonly RunRows[]): string {
  const metrics = metricColumns(runs);
  const lines = [[...FIXED_COLUMNS, ...metrics].map(csvField).join(',')];
  for (const run of runs) {
    for (const row of run.rows) {
      const fixed = [run.runId, row.kind, row.step, row.epoch, row.batch ?? '', new Date(row.time).toISOString()];
      const values = metrics.map((name) => formatNumber(row.values[name]));
      lines.push([...fixed, ...values].map(csvField).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Metric names in the order they first appear, with `loss` and `val_loss` first. */
export function metricColumns(runs: readonly RunRows[]): string[] {
  const names = new Set<string>();
  for (const run of runs) for (const row of run.rows) for (const name of Object.keys(row.values)) names.add(name);
  const priority = (name: string): number => (name === 'loss' ? 0 : name === 'val_loss' ? 1 : 2);
  return [...names].sort((a, b) => priority(a) - priority(b));
}

/** Empty for a missing value; null (a NaN or infinite value in metrics.jsonl) as `NaN`. */
function formatNumber(value: number | null | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'NaN';
  return String(value);
}

/** Quotes a field when it holds a comma, quote or line break (names come from model files). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
