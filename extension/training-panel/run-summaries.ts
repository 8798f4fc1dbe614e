// The runs list of the Training panel: every run of a model file from `.layerlens/runs/`, with status, backend,
// best metric, duration and how its spec differs from the file now. Pure Node (no vscode), so it is unit-testable.
import type { MetricRow } from '../../runtime/protocol';
import { checkModel } from '../../runtime/language';
import type { RunMeta } from '../../runtime/runs';
import { RunFolders } from '../runs/run-folders';
import type { BestMetric, RunSummary } from '../../webviews/training/protocol';
import { describeSpecDiff } from './spec-diff';

/** What does not change once a run has ended, read once per run folder. */
interface RunFacts {
  readonly best: BestMetric | undefined;
  readonly specText: string | undefined;
  readonly batchesPerEpoch: number | undefined;
  /** Has a checkpoint to resume from. */
  readonly resumable: boolean;
}

const NO_FACTS: RunFacts = { best: undefined, specText: undefined, batchesPerEpoch: undefined, resumable: false };

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

  constructor(private readonly folders: RunFolders = new RunFolders()) {}

  /**
   * Runs of `modelFile` in `runsDir`, newest first. `currentText` is the model file's text now (for the spec diff);
   * `isLive(runId)` says whether it is training right now.
   */
  async list(runsDir: string, modelFile: string, currentText: string, isLive: (meta: RunMeta) => boolean,
    now = Date.now()): Promise<ListedRun[]> {
    const runs = await this.folders.listRuns(runsDir, modelFile);
    const facts = await Promise.all(runs.map(({ runDir, meta }) => this.factsOf(runDir, meta)));
    return runs.map(({ runDir, meta }, index) => {
      const { best, specText, batchesPerEpoch, resumable } = facts[index] ?? NO_FACTS;
      const live = meta.status === 'running' && isLive(meta);
      const summary: RunSummary = {
        runId: meta.runId, startedAt: meta.startedAt, status: meta.status, backend: meta.backend, device: meta.device,
        ...(best ? { best } : {}),
        durationSeconds: durationSeconds(meta, now),
        epochsDone: meta.epochsDone, epochsPlanned: meta.epochsPlanned,
        specDiff: specText === undefined ? 'no spec.yaml' : describeSpecDiff(currentText, specText, modelFile),
        ...(meta.message ? { message: meta.message } : {}),
        live,
        resumable: !live && meta.status !== 'completed' && meta.status !== 'running' && resumable,
      };
      return { runDir, meta, summary, batchesPerEpoch };
    });
  }

  private async factsOf(runDir: string, meta: RunMeta): Promise<RunFacts> {
    const cached = this.ended.get(runDir);
    if (cached) return cached;
    const [specText, rows, checkpoints] = await Promise.all([
      this.folders.spec(runDir), this.folders.metrics(runDir), this.folders.checkpoints(runDir)]);
    const facts: RunFacts = {
      best: bestMetric(rows),
      specText,
      batchesPerEpoch: batchesPerEpochOf(meta, specText),
      resumable: checkpoints.length > 0,
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
  const batchSize = checkModel(specText, meta.modelFile).spec?.train.batchSize;
  return batchSize ? Math.ceil(trainSize / batchSize) : undefined;
}
