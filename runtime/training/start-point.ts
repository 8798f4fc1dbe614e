// Where a run starts: a new run's spec snapshot, or a resumed run's newest usable checkpoint; and the refusals that come
// before anything is allocated (memory).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeEstimate, estimateMemory, type ModelCheck } from '../language';
import { formatBytes } from '../language/memory-estimate';
import { readMeta, readMetrics, removeStaleTemp, removeStaleTempInRuns, RUN_FILES, truncateMetrics, type RunMeta } from '../runs';
import type { EpochValues } from './best-epoch';
import { restoreNewestValid } from './checkpoint-restore';
import type { PreparedRun } from './prepare';
import { writeSpecSnapshot } from './run-session';

export interface ResumePoint {
  readonly runDir: string;
  readonly meta: RunMeta;
  readonly text: string;
}

/** Where a run continues: after the restored checkpoint, or from the start. */
export interface StartPoint {
  readonly firstEpoch: number;
  readonly stepsBefore: number;
  readonly values: Readonly<Record<string, number>>;
  readonly previousEpochs: readonly EpochValues[];
  /** Set when newer checkpoints were unusable: which one was used and why the others were not. */
  readonly resumedFrom?: string;
}

export function readResumePoint(runDir: string): ResumePoint {
  return { runDir, meta: readMeta(runDir), text: readFileSync(join(runDir, RUN_FILES.spec), 'utf8') };
}

/**
 * Prepares the run folder: stale `*.tmp` removed; on resume, the newest usable checkpoint restored (older ones tried
 * when it is corrupt) and metrics rows after it dropped; on a new run, the spec snapshot written. Throws with a
 * message naming the file when nothing can be restored.
 */
export async function startPoint(runDir: string, prepared: PreparedRun, text: string, resume: ResumePoint | undefined): Promise<StartPoint> {
  removeStaleTemp(runDir);
  if (!resume) {
    removeStaleTempInRuns(dirname(runDir));
    writeSpecSnapshot(runDir, text);
    return { firstEpoch: 1, stepsBefore: 0, values: {}, previousEpochs: [] };
  }
  const restored = await restoreNewestValid(runDir, prepared.built.model, prepared.optimizer);
  const stepsBefore = restored?.state.step ?? 0;
  truncateMetrics(runDir, stepsBefore); // drop rows of a partial epoch after the checkpoint
  const previousEpochs = readMetrics(runDir).filter((r) => r.kind === 'epoch').map((r) => ({ epoch: r.epoch, values: r.values }));
  const epoch = restored?.state.epoch ?? 0;
  return {
    firstEpoch: epoch + 1, stepsBefore, values: restored?.state.values ?? {}, previousEpochs,
    ...(restored && restored.skipped.length > 0
      ? { resumedFrom: `resumed from checkpoints/epoch-${epoch}; newer checkpoints were unusable: ${restored.skipped.join('; ')}` }
      : {}),
  };
}

/** Why a model is refused for memory (naming its largest layers), or undefined when it fits under `limit`. */
export function memoryRefusal(check: ModelCheck, limit: number): string | undefined {
  const estimate = estimateMemory(check);
  if (estimate.totalBytes <= limit) return undefined;
  return `not started: ${describeEstimate(estimate)}; the limit is ${formatBytes(limit)}. Reduce the largest layers or the batch size.`;
}
