// Loads a run folder for analysis: its `spec.yaml` (checked like a model file), the model built without an
// optimizer, the weights of `model/` or `checkpoints/epoch-N/`, and the run's own data (same seed and split as
// training, so validation example N is the same example every time). Every failure is one line for the user.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDataset, type Dataset } from '../data';
import type { ModelCheck, ModelSpec } from '../language';
import { checkpointDir, checkpointEpochs, MODEL_FILES, readMeta, RUN_FILES, type RunMeta } from '../runs';
import { assertShapesMatch, buildModel, checkText, loadModelWeights, type BuiltModel } from '../training';
import { dataTaskOf, toLoaderDataSpec } from '../training/data-spec';

export interface LoadedRun {
  readonly runDir: string;
  readonly spec: ModelSpec;
  readonly check: ModelCheck;
  /** The model as trained (no optimizer, not compiled), holding the loaded weights. */
  readonly built: BuiltModel;
  readonly dataset: Dataset;
  /** The seed the run trained with (data generation and split use it unless `data.seed` is set). */
  readonly seed: number;
  /** The checkpoint epoch whose weights are loaded, or null for the final `model/`. */
  readonly epoch: number | null;
  /** Checkpoint epochs on disk, ascending. */
  readonly epochs: readonly number[];
  /** Disposes the model and the dataset. */
  dispose(): void;
}

export interface LoadRunOptions {
  /** A checkpoint epoch; undefined takes `model/`, or the newest checkpoint while the run has no final model. */
  readonly epoch?: number;
  /** Folder of packed data assets (mnist), as for training. */
  readonly assetsDir: string;
}

/** Checkpoint epochs present in the run folder, ascending. */
export function checkpointEpochsOf(runDir: string): number[] {
  const root = join(runDir, RUN_FILES.checkpoints);
  if (!existsSync(root)) return [];
  return checkpointEpochs(readdirSync(root)).filter((epoch) => hasModelFiles(checkpointDir(runDir, epoch)));
}

/** Which folder holds the weights to load: `model/` (epoch null) or a checkpoint. Throws a one-line error. */
export function weightsFolder(runDir: string, epoch: number | undefined, epochs: readonly number[]): { dir: string; epoch: number | null } {
  if (epoch !== undefined) {
    if (!epochs.includes(epoch)) {
      const available = epochs.length > 0 ? `available: ${epochs.join(', ')}` : 'it has no checkpoints';
      throw new Error(`${runDir} has no checkpoint for epoch ${epoch} (${available})`);
    }
    return { dir: checkpointDir(runDir, epoch), epoch };
  }
  const finalModel = join(runDir, RUN_FILES.model);
  if (hasModelFiles(finalModel)) return { dir: finalModel, epoch: null };
  const newest = epochs[epochs.length - 1];
  if (newest === undefined) throw new Error(`${runDir} holds no trained model (no model/ and no checkpoints/epoch-N/)`);
  return { dir: checkpointDir(runDir, newest), epoch: newest };
}

/** Reads and checks `spec.yaml`; throws `FILE:LINE:COL: message` for a spec that no longer checks. */
export function readRunSpec(runDir: string): { spec: ModelSpec; check: ModelCheck } {
  const specFile = join(runDir, RUN_FILES.spec);
  let text: string;
  try {
    text = readFileSync(specFile, 'utf8');
  } catch {
    throw new Error(`${runDir} is not a LayerLens run folder (it has no ${RUN_FILES.spec})`);
  }
  const checked = checkText(text, specFile);
  if (checked.type === 'error') throw new Error(checked.message);
  return { spec: checked.spec, check: checked.check };
}

export async function loadRun(runDir: string, options: LoadRunOptions): Promise<LoadedRun> {
  const { spec, check } = readRunSpec(runDir);
  const epochs = checkpointEpochsOf(runDir);
  const weights = weightsFolder(runDir, options.epoch, epochs);
  if (!spec.data) throw new Error(`${runDir}: its spec.yaml has no 'data' section, so there are no examples to inspect`);
  const meta = readMetaOrUndefined(runDir);
  const seed = meta?.seed ?? spec.train.seed ?? 0;
  // Relative data paths resolve against the model file the run was trained from, as in training.
  const baseDir = meta ? dirname(meta.modelFile) : runDir;
  const built = buildModel(spec, seed);
  let dataset: Dataset | undefined;
  try {
    assertShapesMatch(built, check.layers);
    loadWeights(built.model, weights.dir);
    dataset = await loadDataset(toLoaderDataSpec(spec.data, spec.train, baseDir), {
      baseDir, assetsDir: options.assetsDir, inputShape: [...spec.input], task: dataTaskOf(spec.task), seed,
    });
  } catch (error) {
    built.model.dispose();
    throw error;
  }
  const loaded = dataset;
  return {
    runDir, spec, check, built, dataset: loaded, seed, epoch: weights.epoch, epochs,
    dispose: () => {
      built.model.dispose();
      loaded.dispose();
    },
  };
}

/** Loads saved weights into the model built from the run's spec; one line naming the folder when they do not fit. */
export function loadWeights(model: BuiltModel['model'], dir: string): void {
  try {
    loadModelWeights(model, dir);
  } catch (error) {
    throw new Error(`${dir}: the saved weights do not fit the model in spec.yaml (${error instanceof Error ? error.message : String(error)})`);
  }
}

function hasModelFiles(dir: string): boolean {
  return existsSync(join(dir, MODEL_FILES.modelJson)) && existsSync(join(dir, MODEL_FILES.weights));
}

function readMetaOrUndefined(runDir: string): RunMeta | undefined {
  try {
    return readMeta(runDir);
  } catch {
    return undefined; // a run copied without meta.json still opens; its data then uses the spec's seed
  }
}
