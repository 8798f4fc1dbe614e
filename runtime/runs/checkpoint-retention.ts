// Bounded disk: a run keeps its last K checkpoints plus the best one by validation metric (issue 11: a 61k-parameter
// LeNet wrote 513 checkpoints, 377 MB, in 3 minutes). Pure file logic: which epochs to delete, and deleting them.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointDir, checkpointEpochs, RUN_FILES } from './run-files';

export const DEFAULT_KEEP_CHECKPOINTS = 3;

export interface RetentionResult {
  /** Epochs deleted now. */
  readonly pruned: readonly number[];
  /** Epochs on disk afterwards, ascending. */
  readonly kept: readonly number[];
}

/** Which of `epochs` to keep: the newest `keep` and `best` (when on disk). */
export function epochsToKeep(epochs: readonly number[], keep: number, best: number | undefined): Set<number> {
  const newest = [...epochs].sort((a, b) => a - b).slice(-Math.max(1, keep));
  return new Set(best !== undefined && epochs.includes(best) ? [...newest, best] : newest);
}

/** Deletes checkpoint folders beyond the newest `keep` and the best epoch. */
export function pruneCheckpoints(runDir: string, keep: number, best: number | undefined): RetentionResult {
  let epochs: number[];
  try {
    epochs = checkpointEpochs(readdirSync(join(runDir, RUN_FILES.checkpoints)));
  } catch {
    return { pruned: [], kept: [] };
  }
  const keepSet = epochsToKeep(epochs, keep, best);
  const pruned: number[] = [];
  for (const epoch of epochs) {
    if (keepSet.has(epoch)) continue;
    rmSync(checkpointDir(runDir, epoch), { recursive: true, force: true });
    pruned.push(epoch);
  }
  return { pruned, kept: epochs.filter((e) => keepSet.has(e)) };
}
