// The runs list of the Training panel: every run of a model file from `.layerlens/runs/`, with status, backend,
// best metric, duration and how its spec differs from the file now. Pure Node (no vscode), so it is unit-testable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricRow } from '../../runtime/protocol';
import { checkpointEpochs, listRuns, readMetrics, RUN_FILES, type RunMeta } from '../../runtime/runs';
import type { BestMetric, RunSummary } from '../../webviews/training/protocol';
import { describeSpecDiff } from './spec-diff';
import { cachedSpec, MAX_SPEC_TEXT } from './spec-cache';

/** What does not change once a run has ended, read once per run folder. */
interface RunFacts {
  readonly best: BestMetric | undefined;
  readonly specText: string | undefined;
  readonly batchesPerEpoch: number | undefined;
}

export interface ListedRun {
  readonly runDir: string;
  readonly meta: RunMeta;
  readonly summary: RunSummary;
  /** From the run's data size and batch size, when known (places batch points on the epoch axis). */
  readonly batchesPerEpoch: number | undefined;
}

export class RunCatalogue {
  /** Facts of ended runs by run folder; running runs are read again every time. */
  private readonly ended = new Map<string, RunFacts>();

  /**
   * Runs of `modelFile` in `runsDir`, newest first. `currentText` is the model file's text now (for the spec diff);
   * `isLive(runId)` says whether it is training right now.
   */
  list(runsDir: string, modelFile: string, currentText: string, isLive: (meta: RunMeta) => boolean, now = Date.now()): ListedRun[] {
    return listRuns(runsDir, modelFile).map(({ runDir, meta }) => {
      const facts = this.factsOf(runDir, meta);
      const live = meta.status === 'running' && isLive(meta);
      const summary: RunSummary = {
        runId: meta.runId, startedAt: meta.startedAt, status: meta.status, backend: meta.backend, device: meta.device,
        ...(facts.best ? { best: facts.best } : {}),
        durationSeconds: durationSeconds(meta, now),
        epochsDone: meta.epochsDone, epochsPlanned: meta.epochsPlanned,
        specDiff: facts.specText === undefined ? 'no spec.yaml' : describeSpecDiff(currentText, facts.specText, modelFile),
        ...(meta.message ? { message: meta.message } : {}),
        live,
        resumable: !live && meta.status !== 'completed' && meta.status !== 'running' && hasCheckpoint(runDir),
      };
      return { runDir, meta, summary, batchesPerEpoch: facts.batchesPerEpoch };
    });
  }

  private factsOf(runDir: string, meta: RunMeta): RunFacts {
    const cached = this.ended.get(runDir);
    if (cached) return cached;
    const specText = readSpecText(join(runDir, RUN_FILES.spec));
    const facts: RunFacts = {
      best: bestMetric(readMetrics(runDir)),
      specText,
      batchesPerEpoch: batchesPerEpochOf(meta, specText),
    };
    if (meta.status !== 'running') this.ended.set(runDir, facts);
    return facts;
  }
}

/**
 * The best epoch value: the highest validation (else training) accuracy-like metric, else the lowest validation
 * (else training) loss. Undefined before an epoch ended.
 */
export function bestMetric(rows: readonly MetricRow[]): BestMetric | undefined {
  const epochs = rows.filter((r) => r.kind === 'epoch');
  const names = new Set(epochs.flatMap((r) => Object.keys(r.values)));
  const accuracy = [...names].find((n) => /^val_.*acc/i.test(n)) ?? [...names].find((n) => /acc/i.test(n));
  const name = accuracy ?? (names.has('val_loss') ? 'val_loss' : names.has('loss') ? 'loss' : undefined);
  if (name === undefined) return undefined;
  const better = accuracy ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  let best: BestMetric | undefined;
  for (const row of epochs) {
    const value = row.values[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (!best || better(value, best.value)) best = { name, value, epoch: row.epoch };
  }
  return best;
}

export function durationSeconds(meta: RunMeta, now: number): number {
  const start = Date.parse(meta.startedAt);
  const end = meta.endedAt ? Date.parse(meta.endedAt) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, (end - start) / 1000) : 0;
}

function batchesPerEpochOf(meta: RunMeta, specText: string | undefined): number | undefined {
  const trainSize = meta.data?.trainSize;
  if (trainSize === undefined || specText === undefined) return undefined;
  const batchSize = cachedSpec(specText, meta.modelFile)?.train.batchSize;
  return batchSize ? Math.ceil(trainSize / batchSize) : undefined;
}

/** The run's spec.yaml, unless missing or over the bound (then it is not even read: a spec is never a way in). */
function readSpecText(path: string): string | undefined {
  try {
    return statSync(path).size > MAX_SPEC_TEXT ? '' : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function hasCheckpoint(runDir: string): boolean {
  try {
    return checkpointEpochs(readdirSync(join(runDir, RUN_FILES.checkpoints))).length > 0;
  } catch {
    return false;
  }
}
