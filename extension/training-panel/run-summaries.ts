// The runs list of the Training panel: every run of a model file from `.layerlens/runs/`, with status, backend,
// best metric, duration and how its spec differs from the file now. Pure Node (no vscode), so it is unit-testable.
import type { MetricRow } from '../../runtime/protocol';
import type { RunMeta } from '../../runtime/runs';
import { RunFolders } from '../runs/run-folders';
import type { BestMetric, DoctorNote, RunSummary } from '../../webviews/training/protocol';
import { basename } from 'node:path';
import { describeFileDiff, describeSpecDiff } from './spec-diff';
import { cachedSpec } from './spec-cache';
import { diagnoseRunFiles } from '../../runtime/doctor';

/** What does not change once a run has ended, read once per run folder. */
interface RunFacts {
  readonly best: BestMetric | undefined;
  /** The training doctor's findings, once the run has ended. */
  readonly diagnoses: readonly DoctorNote[];
  readonly specText: string | undefined;
  readonly batchesPerEpoch: number | undefined;
  /** Has a checkpoint to resume from. */
  readonly resumable: boolean;
}

const NO_FACTS: RunFacts = { best: undefined, diagnoses: [], specText: undefined, batchesPerEpoch: undefined, resumable: false };

export interface ListedRun {
  readonly runDir: string;
  readonly meta: RunMeta;
  readonly summary: RunSummary;
  /** From the run's data size and batch size, when known (places batch points on the epoch axis). */
  readonly batchesPerEpoch: number | undefined;
}

export class RunCatalogue {
  /**
   * Facts of ended runs by run folder, with the status and epochs they were read at: a resumed run ends again with
   * more epochs (and a new best), so a stale entry is read again. Running runs are read every time.
   */
  private readonly ended = new Map<string, { readonly stamp: string; readonly facts: RunFacts }>();

  constructor(private readonly folders: RunFolders = new RunFolders()) {}

  /**
   * Runs of `modelFile` in `runsDir`, newest first. `currentText` is the model file's text now (for the spec diff);
   * `isLive(runId)` says whether it is training right now.
   */
  list(runsDir: string, modelFile: string, currentText: string, isLive: (meta: RunMeta) => boolean,
    now = Date.now()): Promise<ListedRun[]> {
    return this.listWith(runsDir, modelFile, (specText) => describeSpecDiff(currentText, specText, modelFile), isLive, now);
  }

  /**
   * Runs of `otherFile` to overlay on `current.file`'s: their spec diff is against the current file's text now, they
   * are named by their file, and they cannot be resumed from this file's panel.
   */
  async listOther(runsDir: string, otherFile: string, current: { readonly text: string; readonly file: string },
    isLive: (meta: RunMeta) => boolean, now = Date.now()): Promise<ListedRun[]> {
    const runs = await this.listWith(runsDir, otherFile,
      (specText) => describeFileDiff(current.text, current.file, specText, otherFile), isLive, now);
    return runs.map((run) => ({ ...run, summary: { ...run.summary, modelFile: basename(otherFile), resumable: false } }));
  }

  private async listWith(runsDir: string, modelFile: string, diffOf: (specText: string) => string,
    isLive: (meta: RunMeta) => boolean, now: number): Promise<ListedRun[]> {
    const runs = await this.folders.listRuns(runsDir, modelFile);
    const facts = await Promise.all(runs.map(({ runDir, meta }) => this.factsOf(runDir, meta)));
    return runs.map(({ runDir, meta }, index) => {
      const { best, diagnoses, specText, batchesPerEpoch, resumable } = facts[index] ?? NO_FACTS;
      const live = meta.status === 'running' && isLive(meta);
      const summary: RunSummary = {
        runId: meta.runId, startedAt: meta.startedAt, status: meta.status, backend: meta.backend, device: meta.device,
        ...(best ? { best } : {}),
        ...(diagnoses.length > 0 ? { diagnoses } : {}),
        durationSeconds: durationSeconds(meta, now),
        epochsDone: meta.epochsDone, epochsPlanned: meta.epochsPlanned,
        specDiff: specText === undefined ? 'no spec.yaml' : diffOf(specText),
        ...(meta.message ? { message: meta.message } : {}),
        live,
        resumable: !live && meta.status !== 'completed' && meta.status !== 'running' && resumable,
      };
      return { runDir, meta, summary, batchesPerEpoch };
    });
  }

  private async factsOf(runDir: string, meta: RunMeta): Promise<RunFacts> {
    const stamp = `${meta.status}:${meta.epochsDone}:${meta.endedAt ?? ''}`;
    const cached = this.ended.get(runDir);
    if (cached && cached.stamp === stamp && meta.status !== 'running') return cached.facts;
    const ended = meta.status !== 'running';
    const [specText, rows, checkpoints, layerStats] = await Promise.all([
      this.folders.spec(runDir), this.folders.metrics(runDir), this.folders.checkpoints(runDir),
      ended ? this.folders.layerStats(runDir) : Promise.resolve(undefined)]);
    const facts: RunFacts = {
      best: bestMetric(rows),
      diagnoses: ended ? diagnoseRunFiles(specText, rows, layerStats) : [],
      specText,
      batchesPerEpoch: batchesPerEpochOf(meta, specText),
      resumable: checkpoints.length > 0,
    };
    if (meta.status !== 'running') this.ended.set(runDir, { stamp, facts });
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
