// Per-epoch checkpoints `checkpoints/epoch-<n>/`: model weights, optimizer state and `state.json`. Each is
// written to a temporary folder and renamed into place, so a crash never leaves a half-written checkpoint.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { checkpointDir, checkpointEpochs, MODEL_FILES, RUN_FILES } from '../runs';
import { loadModelWeights, loadOptimizerFiles, saveModelFiles, saveOptimizerFiles } from './model-files';

/** `state.json` of a checkpoint: where training stands after the epoch. */
export interface CheckpointState {
  /** Epochs completed (the checkpoint's epoch number). */
  readonly epoch: number;
  /** Batches completed over all epochs (the last MetricRow step). */
  readonly step: number;
  /**
   * The run's pseudo-random state. Shuffling and dropout draw from streams derived from `seed` and the epoch or
   * step number, so `{ seed, nextEpoch, nextStep }` is the whole state needed to continue identically.
   */
  readonly prng: { readonly seed: number; readonly nextEpoch: number; readonly nextStep: number };
  /** False when the optimizer's state could not be saved (adamax); it restarts on resume. */
  readonly optimizerSaved: boolean;
  /** The epoch row's values at this checkpoint. */
  readonly values: Readonly<Record<string, number>>;
  /** ISO 8601. */
  readonly savedAt: string;
}

export async function writeCheckpoint(
  runDir: string, model: tf.LayersModel, optimizer: tf.Optimizer, state: Omit<CheckpointState, 'optimizerSaved'>,
): Promise<void> {
  const dir = checkpointDir(runDir, state.epoch);
  const temp = `${dir}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  try {
    await saveModelFiles(model, temp);
    const optimizerSaved = await saveOptimizerFiles(optimizer, temp);
    const full: CheckpointState = { ...state, optimizerSaved };
    writeFileSync(join(temp, MODEL_FILES.state), `${JSON.stringify(full, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true }); // a full disk must not leave a half checkpoint behind
    throw error;
  }
}

/** The newest complete checkpoint's folder and state, or undefined when the run has none. */
export function latestCheckpoint(runDir: string): { readonly dir: string; readonly state: CheckpointState } | undefined {
  const root = join(runDir, RUN_FILES.checkpoints);
  const epochs = existsSync(root) ? checkpointEpochs(readdirSync(root)) : [];
  for (const epoch of epochs.reverse()) {
    const dir = checkpointDir(runDir, epoch);
    try {
      const state = JSON.parse(readFileSync(join(dir, MODEL_FILES.state), 'utf8')) as CheckpointState;
      return { dir, state };
    } catch {
      // Incomplete (should not happen thanks to the rename), try an older one.
    }
  }
  return undefined;
}

/** Loads a checkpoint's weights into `model` and, when saved, its state into `optimizer`. */
export async function restoreCheckpoint(dir: string, state: CheckpointState, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<void> {
  loadModelWeights(model, dir);
  if (state.optimizerSaved) await loadOptimizerFiles(optimizer, dir);
}
