// The doctor on a run folder: its metrics.jsonl, layer-stats.json and spec.yaml (pure Node, no TensorFlow.js, so
// the extension host can call it when a run ends and when it lists runs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLayerStats } from '../runs/layer-stats';
import { readMetrics } from '../runs/metrics-file';
import { RUN_FILES } from '../runs/run-files';
import { modelFacts } from './facts';
import { diagnoseRun } from './diagnose';
import type { Diagnosis } from './types';

/** The run's diagnoses; none when its spec.yaml is missing or no longer checks. */
export function diagnoseRunDir(runDir: string): Diagnosis[] {
  const specPath = join(runDir, RUN_FILES.spec);
  if (!existsSync(specPath)) return [];
  const facts = modelFacts(readFileSync(specPath, 'utf8'), specPath);
  if (!facts) return [];
  const layerStats = readLayerStats(runDir);
  return diagnoseRun({ rows: readMetrics(runDir), ...(layerStats ? { layerStats } : {}), facts });
}
