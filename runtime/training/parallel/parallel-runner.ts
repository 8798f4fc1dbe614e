// Data-parallel training (layerlens.threads > 1, wasm and cpu backends): the epoch loop of epoch-loop.ts with a
// runner that splits every batch across worker threads. The main thread shuffles, gathers the next batch while the
// workers train on the current one, and holds the model that validation, checkpoints and the final model read
// (copied from worker 0 before each of those).
import * as tf from '@tensorflow/tfjs';
import { defaultWasmDir } from '../../backends';
import { checkModel, type Metric } from '../../language';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { namedValues, runEpochs, runEpochsWithRunner, type BatchRunner, type LoopOutcome, type LoopPlan } from '../epoch-loop';
import type { PreparedRun } from '../prepare';
import { stepFloats } from './replica';
import { replicaState, WorkerPool, type PreparedBatch } from './worker-pool';

export interface ParallelOptions {
  readonly threads: number;
  readonly workerScript: string;
  /** The tfjs backend the run selected (only `wasm` and `cpu` train in parallel). */
  readonly backend: string;
  readonly wasmDir?: string;
  /** The run's model file text (what the workers build their replicas from). */
  readonly text: string;
  readonly modelFile: string;
  readonly log: (message: string) => void;
}

/** Metrics that are not means over examples, so slices cannot be combined into the batch's value. */
const NOT_PER_EXAMPLE: readonly Metric[] = ['precision', 'recall'];

/** Why this run keeps the single-worker path despite threads > 1; undefined when it can train in parallel. */
export function parallelRefusal(prepared: PreparedRun, backend: string): string | undefined {
  if (backend !== 'wasm' && backend !== 'cpu') return `the ${backend} backend trains on one thread (data-parallel training is for wasm and cpu)`;
  if (prepared.gan) return 'GAN training keeps the single-worker path';
  if (prepared.spec.train.adversarial) return 'adversarial training keeps the single-worker path';
  const metric = prepared.spec.train.metrics.find((m) => NOT_PER_EXAMPLE.includes(m));
  if (metric) return `the ${metric} metric is not an average over examples, so it keeps the single-worker path`;
  return undefined;
}

/**
 * Between epochs the main model is refreshed this often (ms), weights only, for what reads it while the workers
 * train: the live decision boundary of 2-D classifiers.
 */
const REFRESH_MS = 500;

/** A step sent to the workers ahead of the epoch loop's call for it (see step-gate.ts). */
interface DispatchedStep {
  readonly indices: Int32Array;
  readonly step: number;
  readonly done: Promise<number[] | undefined>;
}

class ParallelRunner implements BatchRunner {
  private ahead: DispatchedStep | undefined;
  private refreshedAt = performance.now();
  /**
   * Whether the next step may be sent before the loop has seen this one's result. Not with batch normalisation: its
   * moving statistics change in the forward pass, before the gate, so a discarded step would leave them changed.
   */
  private readonly pipelined: boolean;

  constructor(private readonly pool: WorkerPool, private readonly prepared: PreparedRun) {
    this.pipelined = !prepared.built.model.layers.some((layer) => layer.getClassName() === 'BatchNormalization');
  }

  async train(indices: Int32Array, step: number, next: Int32Array | undefined): Promise<Record<string, number>> {
    const current = this.ahead ?? this.dispatch(indices, step);
    this.ahead = undefined;
    if (current.step !== step || !sameIndices(current.indices, indices)) {
      throw new Error(`step ${step} was asked for after step ${current.step} had been sent ahead with other examples`);
    }
    this.pool.release(step);
    const refresh = performance.now() - this.refreshedAt >= REFRESH_MS;
    // The workers go on to the following batch (its gathering overlaps this step) without waiting for this thread,
    // except when the main model is refreshed below: the workers answer 'pull' only after the steps sent before it.
    if (next && this.pipelined && !refresh) this.ahead = this.dispatch(next, step + 1);
    const values = await current.done;
    if (!values) throw new Error(`training step ${step} was discarded by the workers`);
    if (refresh) {
      await this.pool.pullInto(this.prepared.built.model, this.prepared.optimizer, false);
      this.refreshedAt = performance.now();
    }
    return namedValues(this.prepared.valueNames, values);
  }

  async sync(): Promise<void> {
    await this.discardAhead();
    this.refreshedAt = performance.now();
    return this.pool.pullInto(this.prepared.built.model, this.prepared.optimizer, true);
  }

  /** The loop ended or stopped after the current step: the step sent ahead must leave no trace. */
  private async discardAhead(): Promise<void> {
    const ahead = this.ahead;
    if (!ahead) return;
    this.ahead = undefined;
    this.pool.cancel(ahead.step);
    await ahead.done;
  }

  private dispatch(indices: Int32Array, step: number): DispatchedStep {
    const done = this.pool.dispatch(step, this.gather(indices));
    // A step sent ahead may never be awaited (a non-finite loss ends the loop, and then the pool, at once): its
    // rejection must not surface as an unhandled one. Awaiting `done` still rejects.
    done.catch(() => undefined);
    return { indices, step, done };
  }

  private gather(indices: Int32Array): PreparedBatch {
    const [x, y] = tf.tidy(() => {
      const picked = tf.tensor1d(indices, 'int32');
      return [tf.gather(this.prepared.dataset.train.xs, picked), tf.gather(this.prepared.trainYs, picked)];
    });
    try {
      return { x: asFloat32(x), xShape: x.shape, y: asFloat32(y), yShape: y.shape };
    } finally {
      tf.dispose([x, y]);
    }
  }
}

const sameIndices = (a: Int32Array, b: Int32Array): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

/** The tensor's values as float32 (integer class labels too: the losses cast them back). */
function asFloat32(tensor: tf.Tensor): Float32Array {
  const values = tensor.dataSync();
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Runs the epochs with `options.threads` workers; the workers are terminated however the loop ends. */
export async function runParallelEpochs(plan: LoopPlan, options: ParallelOptions): Promise<LoopOutcome> {
  const { prepared } = plan;
  const { model } = prepared.built;
  const state = await replicaState(model, prepared.optimizer);
  const wasmDir = options.wasmDir ?? defaultWasmDir();
  const pool = await WorkerPool.start({
    workerScript: options.workerScript, workers: options.threads, backend: options.backend === 'cpu' ? 'cpu' : 'wasm',
    slotFloats: Math.max(stepFloats(model), largestChannelCount(model)),
    // Unbundled (tests, benches) the workers cannot resolve the package themselves: give them the main thread's.
    ...(wasmDir !== undefined ? { wasmDir } : {}),
  }, {
    text: options.text, modelFile: options.modelFile, seed: plan.seed,
    frozen: model.layers.filter((l) => !l.trainable).map((l) => l.name), ...state,
  });
  options.log(`training data-parallel on ${options.threads} worker threads (${options.backend})`);
  try {
    return await runEpochsWithRunner(plan, new ParallelRunner(pool, prepared));
  } finally {
    await pool.dispose();
  }
}

/** The largest per-channel vector batch normalisation all-reduces (its output's last dimension). */
function largestChannelCount(model: tf.LayersModel): number {
  return model.layers.reduce((most, layer) => {
    const shape = layer.outputShape;
    const last = Array.isArray(shape) && typeof shape[shape.length - 1] === 'number' ? shape[shape.length - 1] as number : 0;
    return Math.max(most, last);
  }, 1);
}

/**
 * Training FLOPs per batch (≈ 6 × MACs per example × batch size: forward, and backward for inputs and weights) below
 * which `threads: 0` (auto) keeps one thread. Each data-parallel step pays a fixed synchronisation cost (summing every
 * gradient through shared memory and applying the update on every worker, about 1 ms on 2 cores, plus the barrier's
 * wait for the slower worker): the bench measured MLP 784-128-10 (≈ 39 MFLOP a batch of 64) at 0.60–0.77× with 2
 * workers and LeNet (≈ 160 MFLOP) at 1.07–1.46× (five runs over two sessions).
 */
export const MIN_AUTO_PARALLEL_STEP_FLOPS = 100e6;

/**
 * TrainParams.threads → worker count: absent is 1; N ≥ 1 is N; 0 (auto, the default) is one per CPU core when a
 * batch is big enough to pay for the synchronisation (see MIN_AUTO_PARALLEL_STEP_FLOPS), else 1, with the reason.
 */
export function threadCount(threads: number | undefined, text: string, modelFile: string): { readonly count: number; readonly why?: string } {
  if (threads === undefined) return { count: 1 };
  if (threads > 0) return { count: Math.max(1, Math.floor(threads)) };
  const cores = Math.max(1, cpus().length);
  if (cores === 1) return { count: 1 };
  const check = checkModel(text, modelFile);
  const stepFlops = 6 * check.totals.macs * (check.spec?.train.batchSize ?? 0);
  if (stepFlops < MIN_AUTO_PARALLEL_STEP_FLOPS) {
    return { count: 1, why: `threads auto: a batch is ${(stepFlops / 1e6).toFixed(0)} MFLOP, under the ${MIN_AUTO_PARALLEL_STEP_FLOPS / 1e6} MFLOP `
      + 'where splitting it across cores pays for the synchronisation; training on one thread (set layerlens.threads to force workers)' };
  }
  return { count: cores };
}

/**
 * The run's epochs on `threads` workers when the run can train data-parallel, else on the single-worker path
 * (threads ≤ 1 is today's path, untouched).
 */
export async function runEpochsThreaded(
  plan: LoopPlan, threads: number, options: Omit<ParallelOptions, 'threads' | 'workerScript'> & { readonly workerScript: string | undefined },
): Promise<LoopOutcome> {
  if (threads <= 1) return runEpochs(plan);
  const { workerScript } = options;
  const refusal = workerScript === undefined ? 'this runtime has no training worker script' : parallelRefusal(plan.prepared, options.backend);
  if (workerScript === undefined || refusal !== undefined) {
    options.log(`threads ${threads}: ${refusal ?? ''}; training on one thread`);
    return runEpochs(plan);
  }
  return runParallelEpochs(plan, { ...options, threads, workerScript });
}

/** TrainerDeps.trainWorkerScript for a bundle in `dir` (dist/): set only when dist/train-worker.js is there. */
export function trainWorkerScriptBeside(dir: string): { trainWorkerScript?: string } {
  const script = join(dir, 'train-worker.js');
  return existsSync(script) ? { trainWorkerScript: script } : {};
}
