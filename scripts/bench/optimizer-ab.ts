// The fused optimizer update's worth on wasm: samples/s of each bench model trained with the product's Adam
// (createOptimizer: one SIMD kernel per variable) and with tf.train.adam, in one process, from the same weights, on
// the same random batches, with the two variants' timed epochs alternating (A, B, A, B, …) so that load from other
// processes falls on both alike. Each epoch lasts ≥ minEpochSeconds; the median (and spread) of `epochs` is reported.
//
// Run: npm run bench -- training --optimizer-ab [--models=mlp] [--epochs=5] [--min-epoch-seconds=1]
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backends';
import { createOptimizer } from '../../runtime/training/compile';
import { BENCH_MODELS, type BenchModelName } from './bench-models';
import { alternateEpochs, roundSpread, type AlternatingBenchOptions, type TimedVariant } from './alternating-epochs';
import { round3 } from './stats';

const BATCH_SIZE = 64;
const POOL_BATCHES = 32;

export type OptimizerAbOptions = AlternatingBenchOptions<BenchModelName>;

/** Trains `batches` batches (cycling over the pool) with trainOnBatch. */
function trainer(model: tf.Sequential, pool: ReadonlyArray<readonly [tf.Tensor, tf.Tensor]>): TimedVariant {
  return async (batches) => {
    for (let i = 0; i < batches; i++) {
      const [x, y] = pool[i % pool.length] ?? [];
      if (!x || !y) throw new Error('empty batch pool');
      await model.trainOnBatch(x, y);
    }
  };
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
    const { rates } = await alternateEpochs({ fused: trainer(models.fused, pool), stock: trainer(models.stock, pool) }, BATCH_SIZE, options);
    const speedup = round3(rates.fused.median / rates.stock.median);
    options.log(`bench: wasm ${name} fused Adam ${round3(rates.fused.median)} samples/s, tf.train.adam ${round3(rates.stock.median)} samples/s (${speedup}×)`);
    return { model: name, samplesPerSecond: { fused: roundSpread(rates.fused), stock: roundSpread(rates.stock) }, speedup };
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
