// `metrics.jsonl`: one MetricRow per line. The writer appends each row as one complete line in a single write
// and fsyncs at epoch ends, so a SIGKILL leaves at worst a torn last line, which readMetrics skips.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricRow } from '../protocol';
import { writeFileAtomic } from './atomic-write';
import { RUN_FILES } from './run-files';

export function metricsPath(runDir: string): string {
  return join(runDir, RUN_FILES.metrics);
}

export class MetricsWriter {
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(row: MetricRow): void {
    if (this.fd === undefined) throw new Error(`metrics file ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(row)}\n`);
  }

  /** Forces appended rows to disk (called at epoch ends). */
  sync(): void {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Every complete row of the run's metrics.jsonl, in file order; unparsable lines (a torn last line) are skipped. */
export function readMetrics(runDir: string): MetricRow[] {
  const path = metricsPath(runDir);
  if (!existsSync(path)) return [];
  return parseMetricLines(readFileSync(path, 'utf8'));
}

export function parseMetricLines(text: string): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isMetricRow(value)) rows.push(value);
    } catch {
      // A torn line written when the process was killed mid-write.
    }
  }
  return rows;
}

/** Keeps only rows up to `lastStep` (used when resuming from a checkpoint, so no step appears twice). */
export function truncateMetrics(runDir: string, lastStep: number): void {
  const kept = readMetrics(runDir).filter((row) => row.step <= lastStep);
  writeFileAtomic(metricsPath(runDir), kept.map((row) => `${JSON.stringify(row)}\n`).join(''));
}

function isMetricRow(value: unknown): value is MetricRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (row['kind'] === 'batch' || row['kind'] === 'epoch') && typeof row['step'] === 'number'
    && typeof row['epoch'] === 'number' && typeof row['values'] === 'object' && row['values'] !== null
    && typeof row['time'] === 'number';
}
