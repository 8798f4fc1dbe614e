// The training loop: seeded shuffling per epoch, one trainOnBatch per batch, validation at each epoch end.
// A custom loop (rather than fit) keeps every run reproducible from its seed and lets a resumed run continue the
// exact epoch order; each batch and epoch becomes a MetricRow.
import * as tf from '@tensorflow/tfjs';
import type { MetricRow } from '../protocol';
import { ADVERSARIAL_ACCURACY, AdversarialBatches } from './adversarial-batches';
import { derivedSeed, epochOrder } from './prng';
import { nonFiniteLossMessage } from './nan-message';
import type { PreparedRun } from './prepare';

export interface LoopPlan {
  readonly prepared: PreparedRun;
  readonly seed: number;
  /** First epoch to train (1-based; > 1 when resuming) and the last one (total epochs). */
  readonly firstEpoch: number;
  readonly lastEpoch: number;
  /** Batches trained before `firstEpoch` (the step counter continues from it). */
  readonly stepsBefore: number;
  /** Wall clock in ms, for MetricRow.time. */
  readonly now: () => number;
  /** Receives every row, in order (write to metrics.jsonl, batch for the parent). */
  readonly onRow: (row: MetricRow) => void;
  /** After each batch: examples in it and its loss (progress). */
  readonly onBatch: (epoch: number, batch: number, samples: number, loss: number) => void;
  /** After each complete epoch (checkpoint, meta.json). */
  readonly onEpochEnd: (epoch: number, step: number, values: Readonly<Record<string, number>>) => Promise<void>;
}

export interface LoopOutcome {
  readonly status: 'completed' | 'stopped' | 'failed';
  readonly message?: string;
  readonly epochsDone: number;
  readonly step: number;
  /** The last epoch row's values (undefined when no epoch completed). */
  readonly lastEpochValues?: Readonly<Record<string, number>>;
}

export function batchesPerEpoch(trainSize: number, batchSize: number): number {
  return Math.ceil(trainSize / batchSize);
}

/** Lets IPC messages (stop requests) and timers run between batches: cpu/wasm reads resolve as microtasks. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function namedValues(names: readonly string[], values: number | number[]): Record<string, number> {
  const list = Array.isArray(values) ? values : [values];
  return Object.fromEntries(names.map((name, i) => [name, list[i] ?? Number.NaN]));
}

/**
 * tfjs reuses a seeded dropout layer's seed on every call, which would drop the same units in every batch; give each
 * step its own seed derived from the run seed so masks vary yet stay reproducible. (`seed` is a plain property of
 * tfjs's Dropout layer.)
 */
export function reseedDropout(layers: readonly tf.layers.Layer[], seed: number, step: number): void {
  for (const layer of layers) {
    Object.assign(layer, { seed: derivedSeed(seed, `dropout:${layer.name}@${step}`) });
  }
}

export async function runEpochs(plan: LoopPlan): Promise<LoopOutcome> {
  const adversarialSpec = plan.prepared.spec.train.adversarial;
  const adversarial = adversarialSpec ? await AdversarialBatches.create(plan.prepared, adversarialSpec, plan.seed) : undefined;
  try {
    return await runEpochsWith(plan, adversarial);
  } finally {
    adversarial?.dispose();
  }
}

/**
 * Trains the batches of one run. The single-worker runner calls trainOnBatch; the data-parallel one
 * (parallel/parallel-runner.ts) sends slices to its workers.
 */
export interface BatchRunner {
  /**
   * Trains on the examples `indices` as global step `step`; `next` is the epoch's following batch (a runner may
   * prepare it while this one trains). Resolves with the batch's values in `valueNames` order (plus extra names).
   */
  train(indices: Int32Array, step: number, next: Int32Array | undefined): Promise<Record<string, number>>;
  /** Brings the main model and optimizer up to date before anything reads them (validation, checkpoints, the end). */
  sync(): Promise<void>;
}

/** Today's path: one trainOnBatch per batch on the main thread (adversarial examples crafted first when asked). */
function singleRunner(plan: LoopPlan, adversarial: AdversarialBatches | undefined): BatchRunner {
  const { prepared, seed } = plan;
  const xs = prepared.dataset.train.xs;
  const ys = prepared.trainYs;
  return {
    async train(indices, step) {
      const [xBatch, yBatch] = tf.tidy(() => {
        const picked = tf.tensor1d(indices, 'int32');
        return [tf.gather(xs, picked), tf.gather(ys, picked)];
      });
      let result: number | number[];
      let adversarialAccuracy: number | undefined;
      try {
        const crafted = await adversarial?.replace(xBatch, yBatch, step);
        adversarialAccuracy = crafted?.accuracy;
        reseedDropout(prepared.built.dropoutLayers, seed, step);
        try {
          result = await prepared.built.model.trainOnBatch(crafted?.xs ?? xBatch, yBatch);
        } finally {
          crafted?.xs.dispose();
        }
      } finally {
        tf.dispose([xBatch, yBatch]);
      }
      const values = namedValues(prepared.valueNames, result);
      if (adversarialAccuracy !== undefined) values[ADVERSARIAL_ACCURACY] = adversarialAccuracy;
      return values;
    },
    sync: () => Promise.resolve(),
  };
}

async function runEpochsWith(plan: LoopPlan, adversarial: AdversarialBatches | undefined): Promise<LoopOutcome> {
  return runEpochsWithRunner(plan, singleRunner(plan, adversarial));
}

export async function runEpochsWithRunner(plan: LoopPlan, runner: BatchRunner): Promise<LoopOutcome> {
  const { prepared, seed } = plan;
  const { model } = prepared.built;
  const { spec } = prepared;
  const trainSize = prepared.dataset.train.size;
  const batchSize = Math.min(spec.train.batchSize, Math.max(1, trainSize));
  const batches = batchesPerEpoch(trainSize, batchSize);
  let step = plan.stepsBefore;
  let epochsDone = plan.firstEpoch - 1;
  let lastEpochValues: Record<string, number> | undefined;
  const stopped = async (): Promise<LoopOutcome> => {
    await runner.sync();
    return { status: 'stopped', epochsDone, step, ...(lastEpochValues ? { lastEpochValues } : {}) };
  };

  for (let epoch = plan.firstEpoch; epoch <= plan.lastEpoch; epoch++) {
    if (model.stopTraining) return stopped();
    const order = epochOrder(seed, epoch, trainSize);
    const batchIndices = (batch: number): Int32Array => order.subarray((batch - 1) * batchSize, Math.min(trainSize, batch * batchSize));
    const sums: Record<string, number> = {};
    let next: Int32Array | undefined = batchIndices(1);
    for (let batch = 1; batch <= batches; batch++) {
      const indices: Int32Array = next ?? batchIndices(batch);
      next = batch < batches ? batchIndices(batch + 1) : undefined;
      const values = await runner.train(indices, step + 1, next);
      step++;
      const loss = values['loss'] ?? Number.NaN;
      if (!Number.isFinite(loss)) {
        return { status: 'failed', message: nonFiniteLossMessage(spec, loss, epoch, batch), epochsDone, step: step - 1, ...(lastEpochValues ? { lastEpochValues } : {}) };
      }
      for (const [name, value] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + value * indices.length;
      plan.onBatch(epoch, batch, indices.length, loss); // before onRow, so progress sent with the row includes it
      plan.onRow({ kind: 'batch', step, epoch, batch, values, time: plan.now() });
      await yieldToEventLoop();
      if (model.stopTraining) return stopped();
    }
    await runner.sync();
    const epochValues: Record<string, number> = {};
    for (const [name, sum] of Object.entries(sums)) epochValues[name] = sum / trainSize;
    Object.assign(epochValues, await validate(prepared, batchSize));
    plan.onRow({ kind: 'epoch', step, epoch, values: epochValues, time: plan.now() });
    epochsDone = epoch;
    lastEpochValues = epochValues;
    await plan.onEpochEnd(epoch, step, epochValues);
  }
  return { status: 'completed', epochsDone, step, ...(lastEpochValues ? { lastEpochValues } : {}) };
}

/** `val_<name>` for every value name on the validation split; empty when the split is empty. */
async function validate(prepared: PreparedRun, batchSize: number): Promise<Record<string, number>> {
  if (prepared.dataset.validation.size === 0) return {};
  const result = prepared.built.model.evaluate(prepared.dataset.validation.xs, prepared.validationYs, { batchSize });
  const scalars = Array.isArray(result) ? result : [result];
  try {
    const numbers = await Promise.all(scalars.map(async (s) => (await s.data())[0] ?? Number.NaN));
    return Object.fromEntries(prepared.valueNames.map((name, i) => [`val_${name}`, numbers[i] ?? Number.NaN]));
  } finally {
    tf.dispose(scalars);
  }
}
