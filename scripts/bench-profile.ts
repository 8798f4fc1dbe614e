// Per-kernel profile of one LeNet training step (batch 64, Adam), forward, backward and update, on each
// requested backend (default wasm and cpu). Prints JSON; asserts nothing.
//
// Method: tf.profile records every kernel the engine runs with the backend's own kernel timing (cpu/wasm: wall
// time of the kernel, outputs synchronised). A step is profiled in three parts: the loss alone (forward), then
// tf.variableGrads of the same loss (its first kernels repeat the forward pass, the rest are the backward pass),
// then optimizer.applyGradients (update). After warm-up steps, `steps` steps are profiled; per kernel and phase
// the report gives the median over steps of the time that kernel took in one step, sorted, longest first.
// `unprofiledStepMs` is the median wall time of the same step without profiling, to show the profiler's cost, and
// `unprofiledUpdateMs` that of its update alone: the fused update on wasm is one kernel of LayerLens's own, outside
// tfjs's kernel registry, so the update phase's kernel rows show only what it still runs through tfjs.
//
// The optimizer is the product's Adam (createOptimizer: fused into one SIMD kernel per variable on wasm);
// --stock-optimizers profiles tf.train.adam's update instead.
//
// Run: npm run bench -- profile [--profile-backends=wasm,cpu] [--profile-steps=5] [--stock-optimizers]
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, appliedKernelFixes, selectBackend } from '../runtime/backends';
import type { BackendName } from '../runtime/backends';
import { createOptimizer } from '../runtime/training/compile';
import { BENCH_MODELS } from './bench/bench-models';
import { nativeModuleDirs } from './bench/native-module-dirs';
import { median, round3 } from './bench/stats';

export interface BenchProfileOptions {
  readonly backends?: readonly BackendName[];
  /** Profiled steps after warm-up (default 5). */
  readonly steps?: number;
  readonly wasmDir?: string;
  /** Profile tf.train.adam rather than createOptimizer's (fused on wasm) Adam (default false). */
  readonly stockOptimizers?: boolean;
  readonly log?: (line: string) => void;
}

type Phase = 'forward' | 'backward' | 'update';

export interface KernelRow {
  readonly phase: Phase;
  readonly kernel: string;
  /** Median over the profiled steps of this kernel's total time in one step, in ms. */
  readonly ms: number;
  /** Calls per step. */
  readonly calls: number;
  /** ms / the step's summed kernel time. */
  readonly share: number;
  /** The kernel is one of LayerLens's replacements (runtime/backends/kernels/), not tfjs's stock kernel. */
  readonly layerlens: boolean;
}

const BATCH_SIZE = 64;

/** variableGrads' map in the list form applyGradients accepts. */
function named(grads: tf.NamedTensorMap): Array<{ name: string; tensor: tf.Tensor }> {
  return Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
}

/** One kernel record of tf.profile. */
type ProfiledKernel = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

/** Kernel times of one profiled step, keyed `phase kernel` → [ms, calls]. */
type StepProfile = Map<string, [number, number]>;

/**
 * Adds the kernels' times to a step profile. tf.profile also records op scopes with a custom gradient
 * (e.g. `fusedConv2d__op`) around the kernel they run, which is recorded too: only registered kernels count.
 */
function addKernels(into: StepProfile, phase: Phase, kernels: readonly ProfiledKernel[]): void {
  const backendName = tf.getBackend();
  for (const kernel of kernels.filter((k) => tf.getKernel(k.name, backendName) !== undefined)) {
    const key = `${phase}\u0000${kernel.name}`;
    const [ms, calls] = into.get(key) ?? [0, 0];
    into.set(key, [ms + Number(kernel.kernelTimeMs), calls + 1]);
  }
}

async function profileBackend(backend: BackendName, steps: number, options: BenchProfileOptions): Promise<object> {
  const selection = await selectBackend({ preference: backend, nodeModuleDirs: nativeModuleDirs(), wasmDir: options.wasmDir });
  const model = BENCH_MODELS.lenet.build();
  const optimizer = createOptimizer('adam', 1e-3, { fused: options.stockOptimizers !== true });
  const x = tf.randomNormal([BATCH_SIZE, 28, 28, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH_SIZE], 0, 10, 'int32', 2), 10));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = (): tf.Scalar => tf.mean<tf.Scalar>(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor));
  /** One step; returns the wall time of its update. */
  const plainStep = (): number => {
    const { value, grads } = tf.variableGrads(loss, variables);
    const start = performance.now();
    optimizer.applyGradients(named(grads));
    const updateMs = performance.now() - start;
    tf.dispose([value, ...Object.values(grads)]);
    return updateMs;
  };
  try {
    for (let i = 0; i < 3; i++) plainStep();
    const unprofiled: number[] = [];
    const unprofiledUpdate: number[] = [];
    for (let i = 0; i < steps; i++) {
      const start = performance.now();
      unprofiledUpdate.push(plainStep());
      unprofiled.push(performance.now() - start);
    }
    const profiles: StepProfile[] = [];
    for (let i = 0; i < steps; i++) {
      const step: StepProfile = new Map();
      // tf.profile returns the engine's one profile object, reset by the next call: copy its kernels at once.
      const forward = [...(await tf.profile(() => tf.tidy(() => void loss()))).kernels];
      let grads: tf.NamedTensorMap = {};
      const both = [...(await tf.profile(() => {
        const result = tf.variableGrads(loss, variables);
        result.value.dispose();
        grads = result.grads;
      })).kernels];
      const update = [...(await tf.profile(() => optimizer.applyGradients(named(grads)))).kernels];
      tf.dispose(Object.values(grads));
      addKernels(step, 'forward', forward);
      addKernels(step, 'backward', both.slice(forward.length));
      addKernels(step, 'update', update);
      profiles.push(step);
    }
    const keys = [...new Set(profiles.flatMap((p) => [...p.keys()]))];
    const medianMs = (key: string): number => median(profiles.map((p) => p.get(key)?.[0] ?? 0));
    const total = keys.reduce((sum, key) => sum + medianMs(key), 0);
    const replaced = new Set(backend === 'wasm' || backend === 'cpu' ? appliedKernelFixes(backend) : []);
    const kernels: KernelRow[] = keys.map((key) => {
      const [phase = '', kernel = ''] = key.split('\u0000');
      const ms = medianMs(key);
      return {
        phase: phase as Phase, kernel, ms: round3(ms), calls: profiles[0]?.get(key)?.[1] ?? 0, share: round3(ms / total),
        layerlens: replaced.has(kernel),
      };
    }).sort((a, b) => b.ms - a.ms);
    const phaseMs = (phase: Phase): number => round3(kernels.filter((k) => k.phase === phase).reduce((sum, k) => sum + k.ms, 0));
    return {
      backend, device: selection.device, batchSize: BATCH_SIZE, steps,
      unprofiledStepMs: round3(median(unprofiled)), unprofiledUpdateMs: round3(median(unprofiledUpdate)), kernelMsPerStep: round3(total),
      phaseMs: { forward: phaseMs('forward'), backward: phaseMs('backward'), update: phaseMs('update') },
      kernels,
    };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** Profiles one LeNet training step per backend; unavailable backends are reported with their reason. */
export async function benchProfile(options: BenchProfileOptions = {}): Promise<object> {
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const results: object[] = [];
  for (const backend of options.backends ?? ['wasm', 'cpu']) {
    log(`bench: profiling a LeNet step on ${backend}…`);
    try {
      results.push(await profileBackend(backend, options.steps ?? 5, options));
    } catch (error) {
      const reason = error instanceof BackendUnavailableError ? error.reasons.join('; ') : String(error);
      results.push({ backend, unavailable: reason });
    }
  }
  return {
    model: 'lenet',
    optimizer: options.stockOptimizers === true ? 'tf.train.adam (stock)' : 'createOptimizer adam (fused update on wasm)',
    method: 'tf.profile kernelTimeMs, median over steps of per-step kernel time',
    backends: results,
  };
}
