// The fused optimizer update's worth on wasm: samples/s of each bench model trained with the product's Adam
// (createOptimizer: one SIMD kernel per variable) and with tf.train.adam, in one process, from the same weights, on
// the same random batches, with the two variants' timed epochs alternating (A, B, A, B, …) so that load from other
// processes falls on both alike. Each epoch lasts ≥ minEpochSeconds; the median (and spread) of `epochs` is reported.
//
// Run: npm run bench -- training --optimizer-ab [--models=mlp] [--epochs=5] [--min-epoch-seconds=1]
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backends';
import { createOptimizer } from '../../runtime/training/compile';
import { BENCH_MODELS, type BenchModelName } from './bench-models';
import { round3, spread, type Spread } from './stats';

const BATCH_SIZE = 64;
const POOL_BATCHES = 32;

export interface OptimizerAbOptions {
  readonly models: readonly BenchModelName[];
  readonly epochs: number;
  readonly minEpochSeconds: number;
  readonly log: (line: string) => void;
}

type Variant = 'fused' | 'stock';

/** Trains `batches` batches (cycling over the pool) with trainOnBatch; returns the seconds taken. */
async function timeBatches(model: tf.Sequential, pool: ReadonlyArray<readonly [tf.Tensor, tf.Tensor]>, batches: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < batches; i++) {
    const [x, y] = pool[i % pool.length] ?? [];
    if (!x || !y) throw new Error('empty batch pool');
    await model.trainOnBatch(x, y);
  }
  return (performance.now() - start) / 1000;
}

async function compareModel(name: BenchModelName, options: OptimizerAbOptions): Promise<object> {
  const spec = BENCH_MODELS[name];
  const models = { fused: spec.build(), stock: spec.build() };
  models.stock.setWeights(models.fused.getWeights());
  const optimizers = { fused: createOptimizer('adam', 1e-3), stock: createOptimizer('adam', 1e-3, { fused: false }) };
  for (const variant of ['fused', 'stock'] as const) models[variant].compile({ optimizer: optimizers[variant], loss: 'categoricalCrossentropy' });
  const pool = Array.from({ length: POOL_BATCHES }, (_, i) => [
    tf.randomNormal([BATCH_SIZE, ...spec.inputShape], 0, 1, 'float32', i),
    tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH_SIZE], 0, 10, 'int32', 1000 + i), 10)),
  ] as const);
  try {
    const lengths = { fused: 8, stock: 8 };
    for (const variant of ['fused', 'stock'] as const) {
      await timeBatches(models[variant], pool, 4); // warm-up
      lengths[variant] = Math.max(8, Math.ceil((8 / await timeBatches(models[variant], pool, 8)) * 1.2 * options.minEpochSeconds));
    }
    const rates: Record<Variant, number[]> = { fused: [], stock: [] };
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const variant of ['fused', 'stock'] as const) {
        let seconds = await timeBatches(models[variant], pool, lengths[variant]);
        if (seconds < options.minEpochSeconds) { // lengthen once when the machine got faster
          lengths[variant] = Math.ceil((lengths[variant] * 1.2 * options.minEpochSeconds) / seconds);
          seconds = await timeBatches(models[variant], pool, lengths[variant]);
        }
        rates[variant].push((lengths[variant] * BATCH_SIZE) / seconds);
      }
    }
    const [fused, stock] = [spread(rates.fused), spread(rates.stock)];
    options.log(`bench: wasm ${name} fused Adam ${round3(fused.median)} samples/s, tf.train.adam ${round3(stock.median)} samples/s (${round3(fused.median / stock.median)}×)`);
    const rounded = (s: Spread): Spread => ({ median: round3(s.median), min: round3(s.min), max: round3(s.max), values: s.values.map(round3) });
    return { model: name, samplesPerSecond: { fused: rounded(fused), stock: rounded(stock) }, speedup: round3(fused.median / stock.median) };
  } finally {
    tf.dispose(pool.flat());
    for (const variant of ['fused', 'stock'] as const) {
      models[variant].dispose();
      optimizers[variant].dispose();
    }
  }
}

/** Fused vs stock Adam for every model on wasm; selects the wasm backend. */
export async function benchOptimizerAb(options: OptimizerAbOptions): Promise<object> {
  await selectBackend({ preference: 'wasm', nodeModuleDirs: [] });
  const models: object[] = [];
  for (const name of options.models) models.push(await compareModel(name, options));
  return {
    backend: 'wasm',
    method: 'trainOnBatch, batch 64, Adam lr 1e-3: createOptimizer (fused update) vs tf.train.adam, same weights and batches; ' +
      'timed epochs alternate between the two; median (and spread) of the epochs; each epoch ≥ minEpochSeconds',
    epochs: options.epochs, minEpochSeconds: options.minEpochSeconds, models,
  };
}
