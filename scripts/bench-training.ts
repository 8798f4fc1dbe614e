// Training-throughput benchmark: LeNet and an MLP on every rung of the backend ladder that loads here (native
// rungs included: see bench/native-module-dirs.ts), plus the same models in PyTorch on the CPU
// (scripts/bench_torch.py, the strongest peer when linked to OpenBLAS). Prints JSON; asserts nothing.
//
// Protocol (same in bench_torch.py): random data, batch 64, Adam (lr 1e-3), categorical cross-entropy, no
// shuffling. Warm-up, then a calibration run sizes the timed epochs so that each lasts at least
// `minEpochSeconds` (default 1 s; an epoch cycles over the 2,048-sample pool as often as needed, and one that came
// out shorter is discarded and lengthened); the median of `epochs` (default 5) timed epochs is reported with its
// min/max. GFLOP/s = samples/s × 3 × 2 × MACs (bench/bench-models.ts), next to the backend's tf.matMul ceiling.
//
// Run: npm run bench -- training [--backends=wasm,cpu] [--models=lenet] [--epochs=5] [--min-epoch-seconds=1]
//                                [--no-torch] [--no-ceiling] [--stock] [--keep-openblas-env] [--openblas-coretype=X]
//                                [--no-scaling] [--stock-optimizers] [--optimizer-ab]
// The optimizer is the product's (runtime/training/compile.ts createOptimizer: Adam fused into one SIMD kernel per
// variable on wasm); --stock-optimizers trains with tf.train.adam instead; --optimizer-ab adds `optimizerAb`
// (bench/optimizer-ab.ts): both on wasm in one process, epochs interleaved, to show what the fused update is worth.
// `workerScaling` (bench/worker-scaling.ts): wasm samples/s with threads = 1 and 2 (data-parallel workers) and with two
// unsynchronised workers (what two cores give at all), and, when torch ran, the peer's epochs interleaved with those
// (bench_torch.py --serve), whose ratios the table's `interleaved` rows give: timed in the same minutes, they do not
// carry the drift of this VM's speed between separately timed runs.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, LADDER_ORDER, applyKernelFixes, removeKernelFixes, selectBackend } from '../runtime/backends';
import type { BackendName } from '../runtime/backends';
import { createOptimizer } from '../runtime/training/compile';
import { BENCH_MODELS, BENCH_MODEL_NAMES, modelCounts, trainingFlopsPerExample } from './bench/bench-models';
import type { BenchModelName } from './bench/bench-models';
import { measureMatMulCeiling } from './bench/matmul-ceiling';
import type { MatMulCeiling } from './bench/matmul-ceiling';
import { nativeModuleDirs } from './bench/native-module-dirs';
import { round3, spread } from './bench/stats';
import { peerEnvironment, runTorchPeer, type PeerEnvironment, type TorchBench } from './bench/torch-peer';
import { startTorchServe } from './bench/torch-serve';
import { summaryTable } from './bench/training-table';
import { benchOptimizerAb } from './bench/optimizer-ab';
import { benchWorkerScaling, type WorkerScalingReport } from './bench/worker-scaling';

export type { BenchModelName };

export interface BenchTrainingOptions {
  /** Backends to try (default: every rung); unavailable ones are reported with their reason. */
  readonly backends?: readonly BackendName[];
  readonly models?: readonly BenchModelName[];
  /** Samples in the generated data pool (default 2048). */
  readonly samples?: number;
  /** Timed epochs per model and backend (default 5). */
  readonly epochs?: number;
  /** Shortest accepted timed epoch in seconds (default 1). */
  readonly minEpochSeconds?: number;
  /** Measure each backend's tf.matMul ceiling and torch.mm's (default true). */
  readonly ceiling?: boolean;
  /** Largest side of the square matrices of the tfjs ceiling (default 1024). */
  readonly ceilingSize?: number;
  /** Folders searched for the native packages (default: bench/native-module-dirs.ts). */
  readonly nodeModuleDirs?: readonly string[];
  readonly wasmDir?: string;
  /** Run bench_torch.py when a Python with torch is found (default true). */
  readonly torch?: boolean;
  readonly pythons?: readonly string[];
  readonly torchScript?: string;
  /** Keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE in the peer's environment (default: removed for the peer only). */
  readonly keepOpenblasEnv?: boolean;
  /** Force this OPENBLAS_CORETYPE for the peer (default: autodetected, Haswell instead of a generic kernel). */
  readonly openblasCoretype?: string;
  /** Measure the 1 → 2 worker scaling on wasm (default true when wasm is among the backends). */
  readonly scaling?: boolean;
  /** Also measure cpu and wasm with LayerLens's kernel fixes removed, to show what they are worth. */
  readonly compareStockKernels?: boolean;
  /** Train with tf.train.adam rather than createOptimizer's (fused on wasm) Adam (default false). */
  readonly stockOptimizers?: boolean;
  /** Also measure fused vs stock Adam on wasm, epochs interleaved in one process (bench/optimizer-ab.ts; default false). */
  readonly optimizerAb?: boolean;
  readonly log?: (line: string) => void;
}

export type ModelThroughput =
  | {
    readonly model: BenchModelName;
    /** Median samples/s over the timed epochs, with min/max. */
    readonly samplesPerSecond: number;
    readonly samplesPerSecondSpread: { readonly min: number; readonly max: number };
    readonly epochSamplesPerSecond: readonly number[];
    readonly epochSeconds: { readonly median: number; readonly min: number; readonly max: number };
    readonly samplesPerEpoch: number;
    /** samplesPerSecond × training FLOPs per example / 1e9. */
    readonly gflops: number;
  }
  | { readonly model: BenchModelName; readonly error: string };

export type BackendBench =
  | {
    readonly type: 'measured'; readonly backend: BackendName; readonly kernels: 'layerlens' | 'stock';
    readonly device: string; readonly software: boolean; readonly ceiling: MatMulCeiling | string;
    readonly models: readonly ModelThroughput[];
  }
  | { readonly type: 'unavailable'; readonly backend: BackendName; readonly reason: string };

const BATCH_SIZE = 64;

/** Trains on `count` samples of the pool (whole passes when count exceeds it); returns the seconds taken. */
async function trainSamples(model: tf.Sequential, x: tf.Tensor, y: tf.Tensor, count: number): Promise<number> {
  const pool = x.shape[0] ?? 0;
  const [xs, ys] = count >= pool ? [x, y] : [x.slice(0, count), y.slice(0, count)];
  const start = performance.now();
  // fit resolves after reading the loss, which also waits for GPU backends.
  await model.fit(xs, ys, { epochs: Math.max(1, Math.round(count / pool)), batchSize: BATCH_SIZE, shuffle: false, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  if (xs !== x) tf.dispose([xs, ys]);
  return seconds;
}

/** Samples in an epoch lasting ~1.2 × minSeconds at `rate`: whole batches, or whole passes over the pool. */
function epochLength(rate: number, minSeconds: number, pool: number): number {
  const wanted = Math.max(BATCH_SIZE, Math.ceil((rate * 1.2 * minSeconds) / BATCH_SIZE) * BATCH_SIZE);
  return wanted <= pool ? wanted : Math.ceil(wanted / pool) * pool;
}

async function benchModel(name: BenchModelName, samples: number, epochs: number, minSeconds: number, fused: boolean): Promise<ModelThroughput> {
  const spec = BENCH_MODELS[name];
  const model = spec.build();
  const counted = modelCounts(name).params;
  if (model.countParams() !== counted) throw new Error(`bench model ${name}: tfjs has ${model.countParams()} parameters, the model language ${counted}`);
  model.compile({ optimizer: createOptimizer('adam', 1e-3, { fused }), loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([samples, ...spec.inputShape], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([samples], 0, 10, 'int32', 2), 10));
  try {
    // The first batch pays for kernel setup and shader compilation; the next four estimate throughput.
    await trainSamples(model, x, y, Math.min(samples, BATCH_SIZE));
    const calibration = Math.min(samples, 4 * BATCH_SIZE);
    let samplesPerEpoch = epochLength(calibration / (await trainSamples(model, x, y, calibration)), minSeconds, samples);
    const rates: number[] = [];
    const seconds: number[] = [];
    for (let retries = 0; rates.length < epochs;) {
      const elapsed = await trainSamples(model, x, y, samplesPerEpoch);
      if (elapsed < minSeconds && retries++ < 5) {
        samplesPerEpoch = epochLength(samplesPerEpoch / elapsed, minSeconds, samples);
        continue;
      }
      rates.push(samplesPerEpoch / elapsed);
      seconds.push(elapsed);
    }
    const rate = spread(rates);
    const time = spread(seconds);
    return {
      model: name, samplesPerSecond: round3(rate.median), samplesPerSecondSpread: { min: round3(rate.min), max: round3(rate.max) },
      epochSamplesPerSecond: rates.map(round3), epochSeconds: { median: round3(time.median), min: round3(time.min), max: round3(time.max) },
      samplesPerEpoch, gflops: round3((rate.median * trainingFlopsPerExample(name)) / 1e9),
    };
  } finally {
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
  }
}

async function benchBackend(backend: BackendName, options: BenchTrainingOptions, log: (line: string) => void): Promise<BackendBench[]> {
  let selection;
  try {
    selection = await selectBackend({ preference: backend, nodeModuleDirs: options.nodeModuleDirs ?? nativeModuleDirs(), wasmDir: options.wasmDir });
  } catch (error) {
    const reason = error instanceof BackendUnavailableError ? error.reasons.join('; ') : String(error);
    log(`bench: skipped ${reason}`);
    return [{ type: 'unavailable', backend, reason }];
  }
  let ceiling: MatMulCeiling | string = 'not measured (--no-ceiling)';
  if (options.ceiling !== false) {
    ceiling = await measureMatMulCeiling(options.ceilingSize ?? 1024).catch((error: unknown) => `failed: ${String(error)}`);
    log(`bench: ${backend} matMul ceiling ${typeof ceiling === 'string' ? ceiling : `${ceiling.gflops.median} GFLOP/s`}`);
  }
  const fixable = backend === 'cpu' || backend === 'wasm';
  const variants: Array<'layerlens' | 'stock'> = options.compareStockKernels === true && fixable ? ['layerlens', 'stock'] : ['layerlens'];
  const results: BackendBench[] = [];
  for (const kernels of variants) {
    if (kernels === 'stock' && fixable) removeKernelFixes(backend);
    const throughputs: ModelThroughput[] = [];
    for (const model of options.models ?? BENCH_MODEL_NAMES) {
      const result = await benchModel(model, options.samples ?? 2048, options.epochs ?? 5, options.minEpochSeconds ?? 1, options.stockOptimizers !== true)
        .catch((error: unknown): ModelThroughput => ({ model, error: (error as Error).message }));
      log(`bench: ${backend} (${kernels} kernels) ${model}: ${'error' in result ? result.error : `${result.samplesPerSecond} samples/s, ${result.gflops} GFLOP/s`}`);
      throughputs.push(result);
    }
    results.push({ type: 'measured', backend, kernels, device: selection.device, software: selection.software, ceiling, models: throughputs });
  }
  if (fixable) applyKernelFixes(backend);
  return results;
}

/** The worker scaling, with the peer's epochs interleaved (bench_torch.py --serve) when the peer ran. */
async function scalingWithPeer(models: readonly BenchModelName[], options: BenchTrainingOptions, log: (line: string) => void,
  peer: PeerEnvironment | string, torch: TorchBench | string): Promise<WorkerScalingReport | { error: string }> {
  const serve = typeof peer === 'string' || typeof torch === 'string' ? undefined : startTorchServe(peer, BATCH_SIZE, options.torchScript);
  const threads = (model: BenchModelName): number => (typeof torch === 'string' ? undefined : torch.results.find((r) => r.model === model)?.threads) ?? 1;
  try {
    return await benchWorkerScaling({
      models, epochs: options.epochs ?? 5, minEpochSeconds: options.minEpochSeconds ?? 1, log, ...(serve ? { torch: { serve, threads } } : {}),
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    serve?.dispose();
  }
}

/** Measures training samples/s and GFLOP/s per backend and model; returns a JSON-serialisable report. */
export async function benchTraining(options: BenchTrainingOptions = {}): Promise<object> {
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const models = options.models ?? BENCH_MODEL_NAMES;
  const backends: BackendBench[] = [];
  for (const backend of options.backends ?? LADDER_ORDER) backends.push(...await benchBackend(backend, options, log));
  log('bench: PyTorch peer…');
  const peer = options.torch === false ? 'disabled (--no-torch)' : peerEnvironment(options);
  const torch = typeof peer === 'string' ? peer : runTorchPeer({
    models, epochs: options.epochs ?? 5, minEpochSeconds: options.minEpochSeconds ?? 1, ceiling: options.ceiling !== false,
    ...(options.torchScript !== undefined ? { script: options.torchScript } : {}),
  }, peer);
  const wantScaling = options.scaling !== false && (options.backends ?? LADDER_ORDER).includes('wasm');
  const workerScaling = wantScaling ? await scalingWithPeer(models, options, log, peer, torch) : 'not measured';
  const optimizerAb = options.optimizerAb === true
    ? await benchOptimizerAb({ models, epochs: options.epochs ?? 5, minEpochSeconds: options.minEpochSeconds ?? 1, log })
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    : 'not measured (--optimizer-ab)';
  return {
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, tfjs: tf.version_core },
    batchSize: BATCH_SIZE,
    optimizer: options.stockOptimizers === true ? 'tf.train.adam (stock)' : 'createOptimizer adam (fused update on wasm)',
    flops: {
      formula: 'training FLOPs per example = 3 × 2 × MACs (forward 2·MACs, backward 4·MACs); MACs from the model language',
      perExample: Object.fromEntries(models.map((m) => [m, trainingFlopsPerExample(m)])),
    },
    table: summaryTable(backends, torch, typeof workerScaling === 'object' && 'models' in workerScaling ? workerScaling.models : []),
    workerScaling,
    optimizerAb,
    backends,
    torch,
  };
}
