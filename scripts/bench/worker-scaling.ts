// The 1 → 2 worker scaling of data-parallel training (layerlens.threads) on wasm: samples/s of LeNet and the MLP
// trained on the main thread (threads = 1, today's trainOnBatch path) and on 2 worker threads (the WorkerPool the
// trainer uses, with its all-reduce and synchronous weight updates). A third variant, two workers that train on half
// batches without synchronising (bench/independent-pair.ts), gives the ceiling two cores allow here, so the report
// separates what the machine gives from what synchronisation costs. With `torch`, the PyTorch peer alternates as a
// fourth variant (bench/torch-serve.ts), so that its ratios to LayerLens come from the same minutes. All train
// batch 64 with Adam; the variants' timed epochs alternate (A, B, C, D, A, …) so that load from other processes falls
// on all alike. Each epoch lasts ≥ minEpochSeconds; the median of `epochs` is reported.
import * as tf from '@tensorflow/tfjs';
import { defaultWasmDir, selectBackend } from '../../runtime/backends';
import { buildModel, checkText } from '../../runtime/training';
import { compileModel, createOptimizer } from '../../runtime/training/compile';
import { stepFloats } from '../../runtime/training/parallel/replica';
import { replicaState, WorkerPool, type PreparedBatch } from '../../runtime/training/parallel/worker-pool';
import { BENCH_MODELS, type BenchModelName } from './bench-models';
import { alternateEpochs, roundSpread, type AlternatingBenchOptions, type TimedVariant } from './alternating-epochs';
import { bundleWorker } from './bundle-worker';
import { startIndependentPair } from './independent-pair';
import type { TorchServe } from './torch-serve';
import { round3, type Spread } from './stats';

const BATCH_SIZE = 64;
const POOL_BATCHES = 32;

export interface ScalingOptions extends AlternatingBenchOptions<BenchModelName> {
  /** The PyTorch peer as a fourth alternating variant, with its thread count per model (the faster setting). */
  readonly torch?: { readonly serve: TorchServe; readonly threads: (model: BenchModelName) => number };
}

export interface ModelScaling {
  readonly model: BenchModelName;
  /**
   * threads1, threads2: as above; independent: two worker threads that each train their own replica on half of every
   * batch and never synchronise (bench/independent-pair.ts), the most two cores of this machine give on this model.
   */
  readonly samplesPerSecond: { readonly threads1: number; readonly threads2: number; readonly independent: number };
  readonly spread: { readonly threads1: Spread; readonly threads2: Spread; readonly independent: Spread };
  /** threads2 / threads1 (medians). */
  readonly scaling: number;
  /** independent / threads1: the scaling this machine allows without any synchronisation. */
  readonly unsynchronisedScaling: number;
  /** threads2 / independent: the share of that ceiling data-parallel training keeps after its all-reduce and barrier. */
  readonly ofUnsynchronised: number;
  readonly samplesPerEpoch: { readonly threads1: number; readonly threads2: number; readonly independent: number };
  /**
   * With the peer: its samples/s from epochs interleaved with the others, and threads1 / torch and threads2 / torch
   * (medians). These ratios do not depend on the machine's drift between separately timed runs.
   */
  readonly interleavedTorch?: { readonly samplesPerSecond: number; readonly spread: Spread; readonly threads: number;
    readonly vsTorch: { readonly threads1: number; readonly threads2: number } };
}

/** dist/train-worker.js, bundled from source so the bench needs no prior build. */
const workerScript = (): Promise<string> => bundleWorker('runtime/training/parallel/worker-main.ts', 'train-worker.js');

async function scaleModel(name: BenchModelName, script: string, options: ScalingOptions): Promise<ModelScaling> {
  const text = `${BENCH_MODELS[name].modelText}train: { batchSize: ${BATCH_SIZE}, optimizer: adam, learningRate: 0.001, loss: categoricalCrossentropy }\n`;
  const checked = checkText(text, `${name}.model.yaml`);
  if (checked.type === 'error') throw new Error(checked.message);
  const built = buildModel(checked.spec, 1);
  const optimizer = createOptimizer('adam', 0.001);
  compileModel(built.model, checked.spec.train, optimizer);
  const inputShape = [...BENCH_MODELS[name].inputShape];
  const rowFloats = inputShape.reduce((a, b) => a * b, 1);
  const batches: PreparedBatch[] = Array.from({ length: POOL_BATCHES }, (_, b) => ({
    x: Float32Array.from({ length: BATCH_SIZE * rowFloats }, (_, i) => Math.sin(i * 0.731 + b)), xShape: [BATCH_SIZE, ...inputShape],
    y: Float32Array.from({ length: BATCH_SIZE * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) + b) % 10 ? 1 : 0)), yShape: [BATCH_SIZE, 10],
  }));
  const tensors = batches.map((b) => [tf.tensor(b.x, [...b.xShape]), tf.tensor(b.y, [...b.yShape])] as const);
  const pool = await WorkerPool.start(
    { workerScript: script, workers: 2, backend: 'wasm', slotFloats: stepFloats(built.model), wasmDir: defaultWasmDir() },
    { text, modelFile: `${name}.model.yaml`, seed: 1, frozen: [], ...await replicaState(built.model, optimizer) },
  );
  const independent = await startIndependentPair(name, BATCH_SIZE, defaultWasmDir());
  let step = 0;
  const single: TimedVariant = async (count) => {
    for (let i = 0; i < count; i++) {
      const [x, y] = tensors[i % POOL_BATCHES] ?? [];
      if (x && y) await built.model.trainOnBatch(x, y);
    }
  };
  // As the trainer drives the pool (parallel-runner.ts): each step is sent before the previous one's result is read
  // and released when the loop asks for it, so the workers go from step to step without waiting for this thread.
  const parallel: TimedVariant = async (count) => {
    let done = pool.dispatch(++step, batches[0] as PreparedBatch);
    for (let i = 0; i < count; i++) {
      pool.release(step);
      const current = done;
      if (i + 1 < count) done = pool.dispatch(step + 1, batches[(i + 1) % POOL_BATCHES] as PreparedBatch);
      await current;
      if (i + 1 < count) step++;
    }
  };
  try {
    const torchThreads = options.torch?.threads(name) ?? 1;
    const variants = { threads1: single, threads2: parallel, independent: independent.variant };
    const { rates, batchesPerEpoch } = options.torch
      ? await alternateEpochs({ ...variants, torch: options.torch.serve.variant(name, torchThreads) }, BATCH_SIZE, options)
      : await alternateEpochs(variants, BATCH_SIZE, options);
    const [one, two, free] = [rates.threads1, rates.threads2, rates.independent];
    const peer = (rates as Partial<Record<'torch', Spread>>).torch; // present when the peer alternated too
    options.log(`bench: wasm ${name} threads=1 ${round3(one.median)} samples/s, threads=2 ${round3(two.median)} samples/s `
      + `(${round3(two.median / one.median)}×); 2 unsynchronised workers ${round3(free.median)} samples/s (${round3(free.median / one.median)}×)`);
    return {
      model: name, samplesPerSecond: { threads1: round3(one.median), threads2: round3(two.median), independent: round3(free.median) },
      spread: { threads1: roundSpread(one), threads2: roundSpread(two), independent: roundSpread(free) },
      scaling: round3(two.median / one.median), unsynchronisedScaling: round3(free.median / one.median),
      ofUnsynchronised: round3(two.median / free.median),
      samplesPerEpoch: {
        threads1: batchesPerEpoch.threads1 * BATCH_SIZE, threads2: batchesPerEpoch.threads2 * BATCH_SIZE,
        independent: batchesPerEpoch.independent * BATCH_SIZE,
      },
      ...(peer ? {
        interleavedTorch: {
          samplesPerSecond: round3(peer.median), spread: roundSpread(peer), threads: torchThreads,
          vsTorch: { threads1: round3(one.median / peer.median), threads2: round3(two.median / peer.median) },
        },
      } : {}),
    };
  } finally {
    await independent.dispose();
    await pool.dispose();
    tf.dispose(tensors.flat());
    built.model.dispose();
    optimizer.dispose();
  }
}

export interface WorkerScalingReport {
  readonly backend: 'wasm';
  readonly method: string;
  readonly epochs: number;
  readonly minEpochSeconds: number;
  readonly models: readonly ModelScaling[];
}

/** Scaling of every model on wasm; selects the wasm backend for the main thread. */
export async function benchWorkerScaling(options: ScalingOptions): Promise<WorkerScalingReport> {
  await selectBackend({ preference: 'wasm', nodeModuleDirs: [] });
  const script = await workerScript();
  const models: ModelScaling[] = [];
  for (const name of options.models) models.push(await scaleModel(name, script, options));
  return {
    backend: 'wasm',
    method: 'threads=1: trainOnBatch on the main thread; threads=2: 2 worker threads (WorkerPool, all-reduce); independent: 2 worker '
      + 'threads training their own replicas on half batches without synchronising; '
      + `${options.torch ? 'torch: the PyTorch peer (bench_torch.py --serve); ' : ''}batch 64, Adam; timed epochs alternate between the variants; `
      + 'median (and spread) of the epochs; each epoch ≥ minEpochSeconds',
    epochs: options.epochs, minEpochSeconds: options.minEpochSeconds, models,
  };
}
