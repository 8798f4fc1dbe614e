// The doctor on a run's files: its metrics.jsonl rows, layer-stats.json and spec.yaml text (pure, so the extension
// host reads the files asynchronously and the CLI synchronously).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricRow } from '../protocol';
import { readLayerStats, type LayerStatsFile } from '../runs/layer-stats';
import { readMetrics } from '../runs/metrics-file';
import { RUN_FILES } from '../runs/run-files';
import { diagnoseRun } from './diagnose';
import { modelFacts } from './facts';
import type { Diagnosis } from './types';

/** The run's diagnoses; none without a spec, or when the spec no longer checks. */
export function diagnoseRunFiles(specText: string | undefined, rows: readonly MetricRow[], layerStats: LayerStatsFile | undefined): Diagnosis[] {
  if (specText === undefined) return [];
  const facts = modelFacts(specText, RUN_FILES.spec);
  if (!facts) return [];
  return diagnoseRun({ rows, ...(layerStats ? { layerStats } : {}), facts });
}

/** Same, reading the run folder synchronously (CLI, tests). */
export function diagnoseRunDir(runDir: string): Diagnosis[] {
  let specText: string | undefined;
  try { specText = readFileSync(join(runDir, RUN_FILES.spec), 'utf8'); } catch { specText = undefined; }
  return diagnoseRunFiles(specText, readMetrics(runDir), readLayerStats(runDir));
}
