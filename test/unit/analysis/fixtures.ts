// Run folders for the analysis tests, written the way the trainer writes them (spec.yaml, meta.json, model/,
// checkpoints/epoch-N/) but with seeded random weights instead of training, to keep the tests fast. Random moving
// statistics make batch normalisation do real work, so inference mode is actually tested.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { checkpointDir, RUN_FILES, writeMeta, type RunMeta } from '../../../runtime/runs';
import { buildModel, checkText, saveModelFiles } from '../../../runtime/training';

export interface RunFixture {
  readonly runDir: string;
  readonly modelFile: string;
}

export interface RunFixtureOptions {
  readonly seed?: number;
  /** Checkpoint epochs to write, each with other random weights. */
  readonly checkpoints?: readonly number[];
  /** Write `model/` (default true). */
  readonly finalModel?: boolean;
}

/** Writes `<dir>/<name>.model.yaml` and a run folder of it under `<dir>/.layerlens/runs/`. */
export async function writeRun(dir: string, name: string, text: string, options: RunFixtureOptions = {}): Promise<RunFixture> {
  const seed = options.seed ?? 11;
  const modelFile = join(dir, `${name}.model.yaml`);
  writeFileSync(modelFile, text);
  const runDir = join(dir, '.layerlens', 'runs', `20261201-120000-${name}`);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, RUN_FILES.spec), text);
  const checked = checkText(text, modelFile);
  if (checked.type === 'error') assert.fail(checked.message);
  const meta: RunMeta = {
    name, modelFile, runId: `20261201-120000-${name}`, backend: 'cpu', device: 'test', software: false, reasons: [],
    versions: {}, seed, status: 'completed', startedAt: new Date(0).toISOString(), epochsPlanned: 1, epochsDone: 1, final: {},
  };
  writeMeta(runDir, meta);
  const built = buildModel(checked.spec, seed);
  try {
    for (const epoch of options.checkpoints ?? []) {
      randomiseWeights(built.model, seed * 100 + epoch);
      await saveModelFiles(built.model, checkpointDir(runDir, epoch));
    }
    if (options.finalModel ?? true) {
      randomiseWeights(built.model, seed * 100);
      await saveModelFiles(built.model, join(runDir, RUN_FILES.model));
    }
  } finally {
    built.model.dispose();
  }
  return { runDir, modelFile };
}

/** Seeded random values for every weight; variances stay positive. */
export function randomiseWeights(model: tf.LayersModel, seed: number): void {
  const values = tf.tidy(() => model.weights.map((weight, i) => {
    const noise = tf.randomNormal(weight.shape.map((d) => d ?? 1), 0, 0.3, 'float32', seed + i);
    return weight.name.includes('moving_variance') ? tf.add(tf.abs(noise), 0.5) : noise;
  }));
  model.setWeights(values);
  tf.dispose(values);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'layerlens-analysis-'));
}

/** A folder holding the packed mnist digits (packed once per machine; tests run from the repository root). */
export function mnistAssetsDir(): string {
  const dir = join(tmpdir(), 'layerlens-test-assets');
  if (existsSync(join(dir, 'mnist.bin.gz'))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'layerlens-test-assets-'));
  const result = spawnSync(process.execPath, [resolve('scripts/pack-mnist.mjs'), staging], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  mkdirSync(dir, { recursive: true });
  renameSync(join(staging, 'mnist.bin.gz'), join(dir, 'mnist.bin.gz'));
  return dir;
}

/** Every spec layer's output for `x` from the tf.LayersModel itself (the reference the analyses must equal). */
export function referenceOutputs(model: tf.LayersModel, layers: readonly { readonly output: tf.SymbolicTensor }[], x: tf.Tensor): tf.Tensor[] {
  return model.execute(x, layers.map((layer) => layer.output.name)) as tf.Tensor[];
}

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  assert.equal(a.length, b.length, 'lengths differ');
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return max;
};
