// Bench-only worker thread (bundled by bench/independent-pair.ts): trains its own replica of a bench model on a
// fixed slice of a batch with trainOnBatch, and talks to nobody while it trains. Two of them show what two cores of
// this machine give when nothing is synchronised, the ceiling for data-parallel scaling.
//
// workerData: { model, rows, wasmDir? }. Messages in: { batches } (train that many steps); out: 'ready', 'done'.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backends';
import { createOptimizer } from '../../runtime/training/compile';
import { BENCH_MODELS, type BenchModelName } from './bench-models';

export interface IndependentWorkerData {
  readonly model: BenchModelName;
  /** Rows of the worker's batch (its share of the data-parallel batch). */
  readonly rows: number;
  readonly wasmDir?: string;
}

async function main(port: NonNullable<typeof parentPort>, data: IndependentWorkerData): Promise<void> {
  await selectBackend({ preference: 'wasm', nodeModuleDirs: [], ...(data.wasmDir !== undefined ? { wasmDir: data.wasmDir } : {}) });
  const spec = BENCH_MODELS[data.model];
  const model = spec.build();
  model.compile({ optimizer: createOptimizer('adam', 1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([data.rows, ...spec.inputShape], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([data.rows], 0, 10, 'int32', 2), 10));
  let queue = Promise.resolve();
  port.on('message', ({ batches }: { batches: number }) => {
    queue = queue.then(async () => {
      for (let i = 0; i < batches; i++) await model.trainOnBatch(x, y);
      port.postMessage('done');
    });
  });
  port.postMessage('ready');
}

if (parentPort) void main(parentPort, workerData as IndependentWorkerData);
