// Resume from the newest checkpoint that loads, falling back to older ones (issue 11: a truncated weights.bin made
// resume throw TensorFlow.js internals with no file name, and pressing Resume again failed the same way). Each
// checkpoint's files are validated against their manifests before any tensor is made, so a message names the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { checkpointDir, checkpointEpochs, MODEL_FILES, RUN_FILES } from '../runs';
import type { CheckpointState } from './checkpoint';
import { loadModelWeights, loadOptimizerFiles } from './model-files';

export interface RestoredCheckpoint {
  readonly state: CheckpointState;
  /** One line per newer checkpoint that could not be used: `checkpoints/epoch-5/weights.bin: …`. */
  readonly skipped: readonly string[];
}

/** Thrown when checkpoints exist but none loads; the message lists each and why. */
export class NoUsableCheckpointError extends Error {}

/**
 * Loads the newest usable checkpoint of `runDir` into `model` and `optimizer`. Undefined when the run has no
 * checkpoint (it restarts from its first epoch).
 */
export async function restoreNewestValid(runDir: string, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<RestoredCheckpoint | undefined> {
  let epochs: number[];
  try {
    epochs = checkpointEpochs(readdirSync(join(runDir, RUN_FILES.checkpoints)));
  } catch {
    return undefined;
  }
  if (epochs.length === 0) return undefined;
  const skipped: string[] = [];
  for (const epoch of [...epochs].reverse()) {
    const dir = checkpointDir(runDir, epoch);
    try {
      const state = readState(dir);
      validateWeightFile(dir, MODEL_FILES.modelJson, MODEL_FILES.weights);
      if (state.optimizerSaved) validateWeightFile(dir, MODEL_FILES.optimizerJson, MODEL_FILES.optimizerWeights);
      loadModelWeights(model, dir);
      if (state.optimizerSaved) await loadOptimizerFiles(optimizer, dir);
      return { state, skipped };
    } catch (error) {
      const message = oneLine(error instanceof Error ? error.message : String(error));
      skipped.push(message.startsWith(RUN_FILES.checkpoints) ? message : `${relative(runDir, dir)}: ${message}`);
    }
  }
  throw new NoUsableCheckpointError(`no usable checkpoint in ${runDir}: ${skipped.join('; ')}`);
}

function readState(dir: string): CheckpointState {
  const path = join(dir, MODEL_FILES.state);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${relativeName(path)}: unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  const state = value as Partial<CheckpointState> | null;
  if (typeof state?.epoch !== 'number' || typeof state.step !== 'number' || typeof state.values !== 'object' || state.values === null) {
    throw new Error(`${relativeName(path)}: not a checkpoint state`);
  }
  return value as CheckpointState;
}

interface Manifest {
  readonly weightsManifest?: readonly { readonly weights: readonly tf.io.WeightsManifestEntry[] }[];
  readonly specs?: readonly tf.io.WeightsManifestEntry[];
}

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };

/** Compares the binary file's size with what its JSON manifest describes (a truncated or padded file fails). */
function validateWeightFile(dir: string, jsonName: string, binName: string): void {
  const jsonPath = join(dir, jsonName);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(jsonPath, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`${relativeName(jsonPath)}: unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  const specs = manifest.specs ?? (manifest.weightsManifest ?? []).flatMap((group) => group.weights);
  const expected = specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * (DTYPE_BYTES[spec.dtype ?? 'float32'] ?? 4), 0);
  const binPath = join(dir, binName);
  let actual: number;
  try {
    actual = statSync(binPath).size;
  } catch {
    throw new Error(`${relativeName(binPath)}: missing`);
  }
  if (actual !== expected) {
    throw new Error(`${relativeName(binPath)}: ${actual.toLocaleString('en-US')} bytes where its manifest needs ${expected.toLocaleString('en-US')} (${actual < expected ? 'truncated' : 'corrupt'})`);
  }
}

/** `checkpoints/epoch-5/weights.bin` from an absolute path inside a run folder. */
function relativeName(path: string): string {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf(RUN_FILES.checkpoints);
  return at >= 0 ? parts.slice(at).join('/') : path;
}

/** The first line of a message, at most 500 characters (TensorFlow.js errors can be long). */
export function oneLine(message: string): string {
  const first = message.split('\n')[0]?.trim() ?? '';
  return first.length > 500 ? `${first.slice(0, 497)}...` : first;
}
