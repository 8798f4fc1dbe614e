// The trainer's side of data-parallel training: owns the worker threads (started in `start`, terminated in
// `dispose`, on the first failure, and when the runtime exits), sends each one its slice of every step, and turns a
// worker that crashes, throws or exits into a rejected step with a clear message: nothing waits forever.
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { abortAllReduce, createAllReduceBuffer, type AllReduceLayout } from './all-reduce';
import type { FromWorker, ToWorker, WeightValues, WorkerInit } from './messages';
import { optimizerWeightValues, toWeightValues } from './replica';
import { cancelStep, releaseStep } from './step-gate';

export interface PoolOptions {
  /** dist/train-worker.js (or a test's bundle of worker-main.ts). */
  readonly workerScript: string;
  readonly workers: number;
  readonly backend: 'wasm' | 'cpu';
  readonly wasmDir?: string;
  /** Floats of the largest all-reduce: see stepFloats. */
  readonly slotFloats: number;
}

/** What the workers need besides the pool's own fields (see WorkerInit). */
export type ReplicaSource = Omit<WorkerInit, 'type' | 'rank' | 'allReduce' | 'backend' | 'wasmDir'>;

/** One batch, gathered on the main thread: row-major values and shapes (`[rows, ...]`). */
export interface PreparedBatch {
  readonly x: Float32Array;
  readonly xShape: readonly number[];
  readonly y: Float32Array;
  readonly yShape: readonly number[];
}

type Waiter = { readonly accept: (message: FromWorker) => boolean; readonly resolve: (message: FromWorker) => void; readonly reject: (error: Error) => void };

export class WorkerPool {
  private readonly workers: Worker[] = [];
  /** Per worker: the replies it still owes, oldest first (each worker answers its messages in order). */
  private readonly waiting: Waiter[][] = [];
  private failure: Error | undefined;
  private readonly layout: AllReduceLayout;
  private readonly onExit = (): void => this.terminate();

  private constructor(private readonly options: PoolOptions) {
    this.layout = createAllReduceBuffer(options.workers, options.slotFloats);
  }

  /** Starts the workers and waits until each has built its replica and loaded the main model's state. */
  static async start(options: PoolOptions, source: ReplicaSource): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    process.once('exit', pool.onExit);
    try {
      for (let rank = 0; rank < options.workers; rank++) pool.spawn(rank);
      await Promise.all(pool.workers.map((_, rank) => pool.request(rank, {
        ...source, type: 'init', rank, allReduce: pool.layout, backend: options.backend,
        ...(options.wasmDir !== undefined ? { wasmDir: options.wasmDir } : {}),
      }, 'ready')));
      return pool;
    } catch (error) {
      await pool.dispose();
      throw error;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private spawn(rank: number): void {
    const worker = new Worker(this.options.workerScript);
    this.workers.push(worker);
    this.waiting.push([]);
    const name = `training worker ${rank + 1} of ${this.options.workers}`;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'failed') {
        // A peer released by another worker's failure: that worker's own report (or crash) is the one to show.
        if (!message.message.startsWith('aborted:')) this.fail(new Error(`${name} failed: ${message.message}`));
        return;
      }
      const waiter = this.waiting[rank]?.shift();
      if (waiter?.accept(message)) waiter.resolve(message);
      else this.fail(new Error(`${name} sent an unexpected '${message.type}' message`));
    });
    worker.on('error', (error) => this.fail(new Error(`${name} crashed: ${error.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`${name} exited unexpectedly (code ${code})`)));
  }

  /** The first failure wins: every pending request is rejected with it and all workers are terminated. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    abortAllReduce(this.layout);
    for (const queue of this.waiting) for (const waiter of queue.splice(0)) waiter.reject(error);
    this.terminate();
  }

  /** Sends `message` to worker `rank`; resolves with its reply, which must be of one of the types `replies`. */
  private request<T extends FromWorker['type']>(rank: number, message: ToWorker, replies: T | readonly T[], transfer: ArrayBuffer[] = []): Promise<Extract<FromWorker, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.workers[rank];
    if (!worker) return Promise.reject(new Error(`no training worker ${rank + 1}`));
    const accepted: readonly string[] = typeof replies === 'string' ? [replies] : replies;
    return new Promise((resolve, reject) => {
      this.waiting[rank]?.push({ accept: (m) => accepted.includes(m.type), resolve: (m) => resolve(m as Extract<FromWorker, { type: T }>), reject });
      worker.postMessage(message, transfer);
    });
  }

  /** Sends step `step` to every worker, releases it at once, and resolves with the whole batch's values. */
  async step(step: number, batch: PreparedBatch): Promise<number[]> {
    const done = this.dispatch(step, batch);
    this.release(step);
    const values = await done;
    if (!values) throw new Error(`step ${step} was cancelled`);
    return values;
  }

  /** Lets the workers apply step `step` once they have summed its gradients (step-gate.ts). */
  release(step: number): void {
    releaseStep(this.layout, step);
  }

  /** Makes the workers discard step `step`; its dispatch then resolves with undefined. */
  cancel(step: number): void {
    cancelStep(this.layout, step);
  }

  /**
   * Sends step `step` to every worker: rows [offset, offset + count) of the batch go to worker `rank` (a worker whose
   * share is empty, when the batch has fewer rows than workers, still takes part in the step's all-reduces). The
   * workers compute and sum the step's gradients at once, then wait for `release` or `cancel`. Resolves with the whole
   * batch's values once all workers have applied the update, or with undefined once all have discarded it.
   */
  async dispatch(step: number, batch: PreparedBatch): Promise<number[] | undefined> {
    const total = batch.xShape[0] ?? 0;
    const { x: xs, y: ys } = batch;
    const xRow = xs.length / total;
    const yRow = ys.length / total;
    const replies = this.workers.map((_, rank) => {
      const offset = Math.floor((rank * total) / this.size);
      const count = Math.floor(((rank + 1) * total) / this.size) - offset;
      const xSlice = xs.slice(offset * xRow, (offset + count) * xRow);
      const ySlice = ys.slice(offset * yRow, (offset + count) * yRow);
      return this.request(rank, {
        type: 'step', step, offset, count, total, x: xSlice, xShape: [count, ...batch.xShape.slice(1)], y: ySlice, yShape: [count, ...batch.yShape.slice(1)],
      }, ['stepDone', 'stepCancelled'], [xSlice.buffer, ySlice.buffer]);
    });
    const done = await Promise.all(replies);
    const first = done[0];
    return first?.type === 'stepDone' ? [...first.values] : undefined;
  }

  /** The model weights and optimizer state of worker `rank` (all are identical; tests compare them). */
  async pull(rank = 0, withOptimizer = true): Promise<{ weights: readonly WeightValues[]; optimizerWeights: readonly WeightValues[] }> {
    const reply = await this.request(rank, { type: 'pull', withOptimizer }, 'weights');
    return { weights: reply.weights, optimizerWeights: reply.optimizerWeights };
  }

  /**
   * Copies worker 0's model weights (and, with `withOptimizer`, its optimizer state) into the main thread's model and
   * optimizer. The optimizer's previous state tensors are freed (tfjs's setWeights replaces them without disposing).
   */
  async pullInto(model: tf.LayersModel, optimizer: tf.Optimizer, withOptimizer: boolean): Promise<void> {
    const { weights, optimizerWeights } = await this.pull(0, withOptimizer);
    const tensors = weights.map((w) => tf.tensor(w.values, [...w.shape]));
    model.setWeights(tensors);
    tf.dispose(tensors);
    if (optimizerWeights.length === 0) return;
    const previous = await optimizer.getWeights().catch(() => []);
    const named = optimizerWeights.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, [...w.shape]) }));
    await optimizer.setWeights(named);
    tf.dispose([...named.map((n) => n.tensor), ...previous.map((p) => p.tensor)]);
  }

  /** Ends every worker (idempotent); pending requests are rejected. */
  async dispose(): Promise<void> {
    process.removeListener('exit', this.onExit);
    if (!this.failure) this.fail(new Error('training workers were stopped'));
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => 0)));
  }

  private terminate(): void {
    for (const worker of this.workers) void worker.terminate().catch(() => 0);
  }
}

/** The main model's state as the workers receive it. */
export async function replicaState(model: tf.LayersModel, optimizer: tf.Optimizer): Promise<Pick<ReplicaSource, 'weights' | 'optimizerWeights' | 'variableNames'>> {
  let optimizerWeights: WeightValues[] = [];
  try {
    optimizerWeights = await optimizerWeightValues(optimizer);
  } catch {
    // adamax cannot export its state; the workers start it fresh (as a resumed adamax run does).
  }
  return {
    weights: toWeightValues(model.weights.map((w) => ({ name: w.originalName, tensor: w.read() }))),
    optimizerWeights,
    variableNames: model.trainableWeights.map((w) => (w.read() as tf.Variable).name),
  };
}
