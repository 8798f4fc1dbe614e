// `meta.json` of a run: what ran, on which backend, and how it ended. Written atomically on every update so a
// reader never sees a torn file; `crashed` is set by the extension (markCrashed) when the runtime process died.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '../protocol';
import { overwriteInPlace, writeJsonAtomic } from './atomic-write';
import { RUN_FILES } from './run-files';

/** Summary of the data the run trained on (for panels that label classes or undo target scaling). */
export interface RunDataSummary {
  readonly source: string;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly classNames: readonly string[];
  /** Regression targets were standardised: model value = (raw − mean) / std per target. */
  readonly targetScaling?: { readonly names: readonly string[]; readonly units: readonly string[]; readonly mean: readonly number[]; readonly std: readonly number[] };
}

export interface RunMeta {
  /** The model's `name`. */
  readonly name: string;
  /** Absolute path of the model file. */
  readonly modelFile: string;
  /** The run folder's base name, e.g. `20261126-221530-mnist-cnn`. */
  readonly runId: string;
  /** Ladder rung, e.g. `wasm`. */
  readonly backend: string;
  readonly device: string;
  readonly software: boolean;
  /** Why faster rungs were not used. */
  readonly reasons: readonly string[];
  readonly versions: Readonly<Record<string, string>>;
  /** Seed of weights, shuffling, dropout and (unless `data.seed` is set) the data. */
  readonly seed: number;
  readonly status: RunStatus;
  /** PID of the runtime process that trains the run; with status `running` and no such process, the run crashed. */
  readonly pid?: number;
  /** ISO 8601. */
  readonly startedAt: string;
  /** ISO 8601; absent while running. */
  readonly endedAt?: string;
  readonly epochsPlanned: number;
  readonly epochsDone: number;
  /** Why the run failed, was stopped or crashed. */
  readonly message?: string;
  /** The last epoch row's values, e.g. `{ loss, accuracy, val_loss, val_accuracy }`. */
  readonly final: Readonly<Record<string, number>>;
  readonly data?: RunDataSummary;
  /** Checkpoint epochs deleted to bound disk use (the last K and the best are kept), ascending. */
  readonly prunedCheckpoints?: readonly number[];
  /** When a resume skipped unusable checkpoints: which one it resumed from and why the newer ones were not used. */
  readonly resumedFrom?: string;
}

export function metaPath(runDir: string): string {
  return join(runDir, RUN_FILES.meta);
}

export function writeMeta(runDir: string, meta: RunMeta): void {
  writeJsonAtomic(metaPath(runDir), meta);
}

/**
 * The run's final meta.json, whatever the disk says: atomically when possible, else rewritten in place in compact
 * form (fits the blocks the file already has when the disk is full). Returns the error when both failed.
 */
export function writeFinalMeta(runDir: string, meta: RunMeta): Error | undefined {
  try {
    writeMeta(runDir, meta);
    return undefined;
  } catch (first) {
    try {
      overwriteInPlace(metaPath(runDir), `${JSON.stringify(meta)}\n`);
      return undefined;
    } catch {
      return first instanceof Error ? first : new Error(String(first));
    }
  }
}

/** Throws when meta.json is missing or not a run's meta. */
export function readMeta(runDir: string): RunMeta {
  return parseMeta(readFileSync(metaPath(runDir), 'utf8'), metaPath(runDir));
}

/** Throws when `text` (read from `path`) is not a run's meta.json. */
export function parseMeta(text: string, path: string): RunMeta {
  const value: unknown = JSON.parse(text);
  if (!isRunMeta(value)) throw new Error(`${path} is not a LayerLens run's meta.json`);
  return value;
}

/**
 * Marks a run that is still `running` as `crashed` (the runtime died under it). Returns false, changing nothing,
 * when the run already ended or has no readable meta.json.
 */
export function markCrashed(runDir: string, message: string, now: Date = new Date()): boolean {
  let meta: RunMeta;
  try {
    meta = readMeta(runDir);
  } catch {
    return false;
  }
  if (meta.status !== 'running') return false;
  writeMeta(runDir, { ...meta, status: 'crashed', message, endedAt: now.toISOString() });
  return true;
}

/**
 * True for a run whose meta.json still says `running` but whose runtime process is gone: VS Code itself was killed
 * or the machine rebooted, so nobody could mark it crashed. (Runs are written next to the workspace, on the machine
 * that trains them, so the PID is meaningful there.)
 */
export function isOrphaned(meta: RunMeta): boolean {
  if (meta.status !== 'running' || meta.pid === undefined) return false;
  try {
    process.kill(meta.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function isRunMeta(value: unknown): value is RunMeta {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['runId'] === 'string' && typeof record['modelFile'] === 'string' && typeof record['status'] === 'string'
    && typeof record['epochsDone'] === 'number' && typeof record['startedAt'] === 'string';
}
