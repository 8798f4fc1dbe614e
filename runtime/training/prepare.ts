// Everything before the first batch: check the model text, load the data, build and compile the model, and fit
// the targets to it. Failures here are the user's to fix (file errors, data problems) and carry a clear message.
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type Dataset } from '../data';
import { checkModel, type ModelCheck, type ModelSpec } from '../language';
import { assertShapesMatch, buildModel, type BuiltModel } from './build-model';
import { compileModel, createOptimizer } from './compile';
import { dataTaskOf, toLoaderDataSpec } from './data-spec';
import { buildGan, GAN_VALUE_NAMES, type GanParts } from './gan-loop';
import { applyInit, type InitOutcome } from './init-weights';
import { adaptTargets } from './targets';

/** A checked, buildable model file. */
export type CheckedText =
  | { readonly type: 'ok'; readonly spec: ModelSpec; readonly check: ModelCheck }
  | { readonly type: 'error'; readonly message: string };

/** Checks the text; on errors the message is the first error as `FILE:LINE:COL: message` (1-based). */
export function checkText(text: string, modelFile: string): CheckedText {
  const check = checkModel(text, modelFile);
  const firstError = check.diagnostics.find((d) => d.severity === 'error');
  if (firstError) {
    const { line, col } = firstError.range.start;
    return { type: 'error', message: `${modelFile}:${line + 1}:${col + 1}: ${firstError.message}` };
  }
  if (!check.spec) return { type: 'error', message: `${modelFile}: the model file cannot be trained` };
  return { type: 'ok', spec: check.spec, check };
}

export interface PreparedRun {
  readonly spec: ModelSpec;
  readonly dataset: Dataset;
  readonly built: BuiltModel;
  readonly optimizer: tf.Optimizer;
  /** Value names in trainOnBatch order, e.g. `['loss', 'accuracy']`. */
  readonly valueNames: readonly string[];
  /** Targets fitted to the model's output (may be the dataset's own tensors). */
  readonly trainYs: tf.Tensor;
  readonly validationYs: tf.Tensor;
  /** task: gan — the discriminator and the fixed noise; `built` and `optimizer` are the generator's. */
  readonly gan?: GanParts;
  /** What `init` copied and froze (absent without an `init` section). */
  readonly init?: InitOutcome;
  /** Disposes the model, optimizer, dataset and adapted targets. */
  dispose(): void;
}

export interface PrepareOptions {
  readonly modelFile: string;
  readonly assetsDir: string;
  readonly seed: number;
  /** Where `init.from` looks for a model file's runs (the run's own runs folder); defaults to `.layerlens/runs` beside the file. */
  readonly runsDir?: string;
}

export async function prepareRun(checked: Extract<CheckedText, { type: 'ok' }>, options: PrepareOptions): Promise<PreparedRun> {
  const { spec, check } = checked;
  if (!spec.data) throw new Error(`${options.modelFile}: add a 'data' section (e.g. data: { source: mnist }) to train this model`);
  const baseDir = dirname(options.modelFile);
  const dataset = await loadDataset(toLoaderDataSpec(spec.data, spec.train, baseDir), {
    baseDir, assetsDir: options.assetsDir, inputShape: [...spec.input], task: dataTaskOf(spec.task), seed: options.seed,
  });
  const owned: { dispose(): void }[] = [dataset];
  const disposeAll = (): void => {
    for (const item of owned.reverse()) item.dispose();
  };
  if (spec.gan) return prepareGan(spec, check, dataset, options.seed);
  try {
    const built = buildModel(spec, options.seed);
    owned.push(built.model);
    assertShapesMatch(built, check.layers);
    // Before compiling: compile() collects the trainable weights, so frozen layers must be marked by then.
    const init = spec.init && check.init ? applyInit(built, spec.init, {
      modelFile: options.modelFile, ranges: check.init.ranges,
      runsDir: options.runsDir ?? join(baseDir, '.layerlens', 'runs'),
    }) : undefined;
    const optimizer = createOptimizer(spec.train.optimizer, spec.train.learningRate);
    owned.push(optimizer);
    const valueNames = compileModel(built.model, spec.train, optimizer);
    const outputShape = check.outputShape ?? [];
    const fit = (ys: tf.Tensor): tf.Tensor => {
      const adapted = adaptTargets(ys, spec.task, spec.train.loss, outputShape, dataset.classNames);
      if (adapted !== ys) owned.push(adapted);
      return adapted;
    };
    // An autoencoder's target is its input (the dataset keeps owning those tensors).
    const reconstruct = spec.task === 'reconstruction';
    const trainYs = reconstruct ? dataset.train.xs : fit(dataset.train.ys);
    const validationYs = reconstruct ? dataset.validation.xs : fit(dataset.validation.ys);
    return { spec, dataset, built, optimizer, valueNames, trainYs, validationYs, dispose: disposeAll, ...(init ? { init } : {}) };
  } catch (error) {
    disposeAll();
    throw error;
  }
}

/** Both networks of a GAN, checked against the model check's shapes; nothing is compiled (the loop is custom). */
function prepareGan(spec: ModelSpec, check: ModelCheck, dataset: Dataset, seed: number): PreparedRun {
  const { generator, generatorOptimizer, parts } = buildGan(spec, seed);
  const dispose = (): void => {
    tf.dispose([parts.fixedNoise]);
    for (const item of [generator.model, parts.discriminator.model, generatorOptimizer, parts.discriminatorOptimizer, dataset]) item.dispose();
  };
  try {
    const generatorLayers = spec.gan?.generator.length ?? 0;
    assertShapesMatch(generator, check.layers.slice(0, generatorLayers));
    assertShapesMatch(parts.discriminator, check.layers.slice(generatorLayers));
  } catch (error) {
    dispose();
    throw error;
  }
  return {
    spec, dataset, built: generator, optimizer: generatorOptimizer, valueNames: [...GAN_VALUE_NAMES], gan: parts,
    trainYs: dataset.train.ys, validationYs: dataset.validation.ys, dispose,
  };
}
