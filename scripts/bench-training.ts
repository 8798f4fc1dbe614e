// Training-throughput benchmark: LeNet and an MLP on every TensorFlow.js backend available here, plus the same
// models in PyTorch on the CPU (scripts/bench_torch.py) when `import torch` works. Prints JSON; asserts nothing.
//
// Protocol (same in bench_torch.py): random data, batch 64, Adam (lr 1e-3), categorical cross-entropy, no
// shuffling; one warm-up epoch, then the median samples/s of several timed epochs. Slow backends (cpu, software
// WebGPU) get shorter epochs, sized from the warm-up throughput, so the whole run stays around two minutes.
//
// Run: npx esbuild scripts/bench-training.ts --bundle --platform=node --format=cjs --packages=external \
//        --outfile=out/bench-training.js && node out/bench-training.js [backend ...]
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, LADDER_ORDER, applyKernelFixes, removeKernelFixes, selectBackend } from '../runtime/backends';
import type { BackendName } from '../runtime/backends';

export type BenchModelName = 'lenet' | 'mlp';

export interface BenchTrainingOptions {
  /** Backends to try (default: every rung); unavailable ones are reported with their reason. */
  readonly backends?: readonly BackendName[];
  readonly models?: readonly BenchModelName[];
  /** Samples in the generated data set (default 2048); fast backends train on all of them per epoch. */
  readonly samples?: number;
  /** Timed epochs per model and backend (default 3). */
  readonly epochs?: number;
  /** Target duration of one timed epoch, used to shorten epochs on slow backends (default 1.5 s). */
  readonly targetEpochSeconds?: number;
  readonly nodeModuleDirs?: readonly string[];
  readonly wasmDir?: string;
  /** Run bench_torch.py when a Python with torch is found (default true). */
  readonly torch?: boolean;
  /** Python interpreters to try, first with torch wins (default: python3, /usr/bin/python3). */
  readonly pythons?: readonly string[];
  readonly torchScript?: string;
  /** Also measure cpu and wasm with LayerLens's kernel fixes removed, to show what they are worth. */
  readonly compareStockKernels?: boolean;
  readonly log?: (line: string) => void;
}

export type ModelThroughput =
  | {
    readonly model: BenchModelName;
    readonly samplesPerSecond: number;
    readonly epochSamplesPerSecond: readonly number[];
    readonly samplesPerEpoch: number;
  }
  | { readonly model: BenchModelName; readonly error: string };

export type BackendBench =
  | {
    readonly type: 'measured'; readonly backend: BackendName; readonly kernels: 'layerlens' | 'stock';
    readonly device: string; readonly software: boolean; readonly models: readonly ModelThroughput[];
  }
  | { readonly type: 'unavailable'; readonly backend: BackendName; readonly reason: string };

const BATCH_SIZE = 64;

/** LeNet-5 style: input [batch, 28, 28, 1] → 10 class probabilities. */
function buildLeNet(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'relu' }),
      tf.layers.dense({ units: 84, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** MLP 784-128-10: input [batch, 784]. */
function buildMlp(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

const MODELS: Record<BenchModelName, { build: () => tf.Sequential; inputShape: number[] }> = {
  lenet: { build: buildLeNet, inputShape: [28, 28, 1] },
  mlp: { build: buildMlp, inputShape: [784] },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Trains one epoch on the first `count` samples; returns samples/s (fit resolves its loss, which syncs GPUs). */
async function timedEpoch(model: tf.Sequential, x: tf.Tensor, y: tf.Tensor, count: number): Promise<number> {
  const [xs, ys] = count === x.shape[0] ? [x, y] : [x.slice(0, count), y.slice(0, count)];
  const start = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: BATCH_SIZE, shuffle: false, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  if (xs !== x) tf.dispose([xs, ys]);
  return count / seconds;
}

async function benchModel(name: BenchModelName, samples: number, epochs: number, targetEpochSeconds: number): Promise<ModelThroughput> {
  const spec = MODELS[name];
  const model = spec.build();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([samples, ...spec.inputShape], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([samples], 0, 10, 'int32', 2), 10));
  try {
    // The first epoch pays for kernel setup and shader compilation; the second one estimates throughput.
    await timedEpoch(model, x, y, Math.min(samples, BATCH_SIZE));
    const warmUpRate = await timedEpoch(model, x, y, Math.min(samples, 4 * BATCH_SIZE));
    const affordable = Math.floor((warmUpRate * targetEpochSeconds) / BATCH_SIZE) * BATCH_SIZE;
    const samplesPerEpoch = Math.min(samples, Math.max(4 * BATCH_SIZE, affordable));
    const rates: number[] = [];
    for (let i = 0; i < epochs; i++) rates.push(await timedEpoch(model, x, y, samplesPerEpoch));
    return { model: name, samplesPerSecond: median(rates), epochSamplesPerSecond: rates, samplesPerEpoch };
  } finally {
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
  }
}

interface TorchBench {
  readonly python: string;
  readonly torch: string;
  readonly threads: number;
  readonly results: ReadonlyArray<{ readonly model: BenchModelName; readonly samplesPerSecond: number }>;
}

/** Runs bench_torch.py with the first interpreter that can import torch; a string says why it did not run. */
function runTorchBench(options: BenchTrainingOptions, samples: number, epochs: number): TorchBench | string {
  const pythons = options.pythons ?? ['python3', '/usr/bin/python3'];
  const python = pythons.find((candidate) => spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (python === undefined) return `no Python with torch among ${pythons.join(', ')}`;
  const script = options.torchScript ?? join(process.cwd(), 'scripts', 'bench_torch.py');
  const run = spawnSync(python, [script, '--samples', String(samples), '--epochs', String(epochs)], { encoding: 'utf8' });
  if (run.status !== 0) return `bench_torch.py failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  return { python, ...(JSON.parse(run.stdout) as Omit<TorchBench, 'python'>) };
}

/** Measures training samples/s per backend and model; returns a JSON-serialisable report. */
export async function benchTraining(options: BenchTrainingOptions = {}): Promise<object> {
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const samples = options.samples ?? 2048;
  const epochs = options.epochs ?? 3;
  const models = options.models ?? ['lenet', 'mlp'];
  const backends: BackendBench[] = [];
  for (const backend of options.backends ?? LADDER_ORDER) {
    let selection;
    try {
      selection = await selectBackend({ preference: backend, nodeModuleDirs: options.nodeModuleDirs ?? [], wasmDir: options.wasmDir });
    } catch (error) {
      const reason = error instanceof BackendUnavailableError ? error.reasons.join('; ') : String(error);
      backends.push({ type: 'unavailable', backend, reason });
      log(`bench: ${reason}`);
      continue;
    }
    const variants: Array<'layerlens' | 'stock'> =
      options.compareStockKernels === true && (backend === 'cpu' || backend === 'wasm') ? ['layerlens', 'stock'] : ['layerlens'];
    for (const kernels of variants) {
      if (kernels === 'stock' && (backend === 'cpu' || backend === 'wasm')) removeKernelFixes(backend);
      const throughputs: ModelThroughput[] = [];
      for (const model of models) {
        let result: ModelThroughput;
        try {
          result = await benchModel(model, samples, epochs, options.targetEpochSeconds ?? 1.5);
        } catch (error) {
          result = { model, error: (error as Error).message };
        }
        log(`bench: ${backend} (${kernels} kernels) ${model}: ${'error' in result ? result.error : `${result.samplesPerSecond.toFixed(0)} samples/s`}`);
        throughputs.push(result);
      }
      backends.push({ type: 'measured', backend, kernels, device: selection.device, software: selection.software, models: throughputs });
    }
    if (backend === 'cpu' || backend === 'wasm') applyKernelFixes(backend);
  }
  const torch = options.torch === false ? 'disabled' : runTorchBench(options, samples, epochs);
  return {
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, tfjs: tf.version_core },
    batchSize: BATCH_SIZE,
    backends,
    torch,
    // tfjs samples/s divided by PyTorch samples/s, per measured backend and model.
    ratioToTorch: typeof torch === 'string' ? undefined : Object.fromEntries(backends.flatMap((b) => b.type !== 'measured' ? [] : [[
      b.kernels === 'stock' ? `${b.backend} (stock kernels)` : b.backend,
      Object.fromEntries(b.models.flatMap((m) => 'error' in m ? [] : [[
        m.model, m.samplesPerSecond / (torch.results.find((r) => r.model === m.model)?.samplesPerSecond ?? Number.NaN),
      ]])),
    ]])),
  };
}

if (/bench-training\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  // Arguments: backend names to measure (default all), and --stock to add the stock-kernel comparison.
  const requested = process.argv.slice(2).filter((arg): arg is BackendName => (LADDER_ORDER as readonly string[]).includes(arg));
  const compareStockKernels = process.argv.includes('--stock');
  benchTraining({ ...(requested.length > 0 ? { backends: requested } : {}), compareStockKernels })
    .then((report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    });
}
