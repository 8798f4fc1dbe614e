// task: gan — builds the generator and the discriminator and trains them in turn: k discriminator steps
// (real → 1, generated → 0), then one generator step with the non-saturating loss −log D(G(z)) (Goodfellow et al.
// 2014). Each epoch the same 16 noise vectors are drawn through the generator, so the images show its progress.
import * as tf from '@tensorflow/tfjs';
import type { MetricRow } from '../protocol';
import type { BuiltModel } from './build-model';
import { buildModel } from './build-model';
import { createOptimizer } from './compile';
import type { LoopOutcome, LoopPlan } from './epoch-loop';
import { batchesPerEpoch } from './epoch-loop';
import { derivedSeed, epochOrder } from './prng';
import type { PreparedRun } from './prepare';
import type { ModelSpec } from '../language';

/** Value names of a GAN's metric rows, in order. */
export const GAN_VALUE_NAMES = ['d_loss', 'g_loss', 'd_real', 'd_fake'] as const;
/** Generated images per epoch (a 4×4 grid), always from the same noise. */
export const GAN_GRID_SIZE = 16;
const EPSILON = 1e-7;

/** The parts of a prepared GAN run besides the generator (which is PreparedRun.built, so checkpoints hold it). */
export interface GanParts {
  readonly latent: number;
  readonly discriminator: BuiltModel;
  readonly discriminatorOptimizer: tf.Optimizer;
  readonly discriminatorSteps: number;
  /** `[16, latent]`, fixed for the whole run. */
  readonly fixedNoise: tf.Tensor2D;
}

/** Builds both networks; the caller owns the returned models, optimizers and noise. */
export function buildGan(spec: ModelSpec, seed: number): { generator: BuiltModel; generatorOptimizer: tf.Optimizer; parts: GanParts } {
  const gan = spec.gan;
  if (!gan) throw new Error(`${spec.name} is not a gan`);
  const generator = buildModel({ ...spec, name: `${spec.name}_generator`, input: [gan.latent], layers: gan.generator }, seed);
  const discriminator = buildModel({ ...spec, name: `${spec.name}_discriminator`, layers: gan.discriminator }, seed);
  return {
    generator,
    generatorOptimizer: createOptimizer(spec.train.optimizer, spec.train.learningRate),
    parts: {
      latent: gan.latent, discriminator,
      discriminatorOptimizer: createOptimizer(spec.train.optimizer, spec.train.learningRate),
      discriminatorSteps: spec.train.discriminatorSteps ?? 1,
      fixedNoise: tf.randomNormal([GAN_GRID_SIZE, gan.latent], 0, 1, 'float32', derivedSeed(seed, 'gan:fixed-noise')),
    },
  };
}

const variablesOf = (model: tf.LayersModel): tf.Variable[] => model.trainableWeights.map((w) => w.read() as tf.Variable);

function applyModel(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const out = model.apply(x, { training: true });
  if (out instanceof tf.Tensor) return out;
  throw new Error(`${model.name} did not return one tensor`);
}

/** The epoch's fixed-noise images, `[16, ...input]` values in row-major order. */
export async function fixedNoiseImages(prepared: PreparedRun, gan: GanParts): Promise<Float32Array> {
  const images = tf.tidy(() => prepared.built.model.predict(gan.fixedNoise) as tf.Tensor);
  try {
    return Float32Array.from(await images.data());
  } finally {
    images.dispose();
  }
}

/** Trains one batch: k discriminator steps, then one generator step. Returns the batch's values. */
async function ganStep(prepared: PreparedRun, gan: GanParts, real: tf.Tensor, seed: number, step: number): Promise<Record<string, number>> {
  const generator = prepared.built.model;
  const discriminator = gan.discriminator.model;
  const n = real.shape[0] ?? 1;
  const noise = (purpose: string) => tf.randomNormal([n, gan.latent], 0, 1, 'float32', derivedSeed(seed, `gan:${purpose}@${step}`));
  let dLoss: tf.Scalar | null = null;
  let dReal: tf.Scalar | undefined;
  let dFake: tf.Scalar | undefined;
  for (let k = 0; k < gan.discriminatorSteps; k++) {
    tf.dispose([dLoss, dReal, dFake].filter((t): t is tf.Scalar => t !== null && t !== undefined));
    dLoss = gan.discriminatorOptimizer.minimize(() => {
      const pReal = applyModel(discriminator, real);
      const pFake = applyModel(discriminator, applyModel(generator, noise(`d${k}`)));
      dReal = tf.keep(pReal.mean<tf.Scalar>());
      dFake = tf.keep(pFake.mean<tf.Scalar>());
      // Binary cross-entropy with real → 1 and generated → 0.
      const realTerm = tf.log(tf.clipByValue(pReal, EPSILON, 1)).mean<tf.Scalar>();
      const fakeTerm = tf.log(tf.clipByValue(tf.sub(1, pFake), EPSILON, 1)).mean<tf.Scalar>();
      return tf.neg<tf.Scalar>(tf.add<tf.Scalar>(realTerm, fakeTerm));
    }, true, variablesOf(discriminator));
  }
  // Non-saturating generator loss: maximise log D(G(z)) rather than minimise log(1 − D(G(z))).
  const gLoss = prepared.optimizer.minimize(() => {
    const pFake = applyModel(discriminator, applyModel(generator, noise('g')));
    return tf.neg(tf.log(tf.clipByValue(pFake, EPSILON, 1)).mean<tf.Scalar>());
  }, true, variablesOf(generator));
  const scalars = [dLoss, gLoss, dReal, dFake];
  try {
    const values = await Promise.all(scalars.map(async (s) => (s ? (await s.data())[0] ?? Number.NaN : Number.NaN)));
    return Object.fromEntries(GAN_VALUE_NAMES.map((name, i) => [name, values[i] ?? Number.NaN]));
  } finally {
    tf.dispose(scalars.filter((s): s is tf.Scalar => s !== null && s !== undefined));
  }
}

/** The GAN counterpart of runEpochs: same plan, rows and stopping; `onImages` gets the fixed-noise grid per epoch. */
export async function runGanEpochs(plan: LoopPlan, gan: GanParts, onImages: (epoch: number, images: Float32Array) => void): Promise<LoopOutcome> {
  const { prepared, seed } = plan;
  const xs = prepared.dataset.train.xs;
  const trainSize = prepared.dataset.train.size;
  const batchSize = Math.min(prepared.spec.train.batchSize, Math.max(1, trainSize));
  const batches = batchesPerEpoch(trainSize, batchSize);
  const generator = prepared.built.model;
  let step = plan.stepsBefore;
  let epochsDone = plan.firstEpoch - 1;
  let lastEpochValues: Record<string, number> | undefined;
  const outcome = (status: LoopOutcome['status'], message?: string): LoopOutcome =>
    ({ status, epochsDone, step, ...(message !== undefined ? { message } : {}), ...(lastEpochValues ? { lastEpochValues } : {}) });
  for (let epoch = plan.firstEpoch; epoch <= plan.lastEpoch; epoch++) {
    const order = epochOrder(seed, epoch, trainSize);
    const sums: Record<string, number> = {};
    for (let batch = 1; batch <= batches; batch++) {
      if (generator.stopTraining) return outcome('stopped');
      const indices = order.subarray((batch - 1) * batchSize, Math.min(trainSize, batch * batchSize));
      const real = tf.tidy(() => tf.gather(xs, tf.tensor1d(indices, 'int32')));
      let values: Record<string, number>;
      try {
        values = await ganStep(prepared, gan, real, seed, step + 1);
      } finally {
        real.dispose();
      }
      step++;
      if (!Number.isFinite(values['d_loss']) || !Number.isFinite(values['g_loss'])) {
        return outcome('failed', `gan: a loss became non-finite at epoch ${epoch}, batch ${batch} (d_loss ${values['d_loss']}, g_loss ${values['g_loss']}); try a lower learningRate`);
      }
      for (const [name, value] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + value * indices.length;
      plan.onBatch(epoch, batch, indices.length, values['g_loss'] ?? Number.NaN);
      plan.onRow({ kind: 'batch', step, epoch, batch, values, time: plan.now() } satisfies MetricRow);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const epochValues = Object.fromEntries(Object.entries(sums).map(([name, sum]) => [name, sum / trainSize]));
    onImages(epoch, await fixedNoiseImages(prepared, gan));
    plan.onRow({ kind: 'epoch', step, epoch, values: epochValues, time: plan.now() });
    epochsDone = epoch;
    lastEpochValues = epochValues;
    await plan.onEpochEnd(epoch, step, epochValues);
  }
  return outcome('completed');
}
