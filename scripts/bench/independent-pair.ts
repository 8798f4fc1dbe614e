// Two bench workers (bench/independent-worker.ts) that each train on half of every batch without synchronising:
// the aggregate samples/s that two cores of this machine reach on the model, against which data-parallel training
// (which adds an all-reduce and a barrier to every step) is measured. The gap between the two is synchronisation:
// the barrier waits for the slower worker, and step times on a shared VM vary from step to step.
import { Worker } from 'node:worker_threads';
import { bundleWorker } from './bundle-worker';
import type { BenchModelName } from './bench-models';
import type { IndependentWorkerData } from './independent-worker';
import type { TimedVariant } from './alternating-epochs';

export interface IndependentPair {
  /** Trains `batches` steps on both workers at once (each on its half batch); resolves when both are done. */
  readonly variant: TimedVariant;
  dispose(): Promise<void>;
}

function nextMessage(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    worker.once('error', onError);
    worker.once('message', () => {
      worker.off('error', onError);
      resolve();
    });
  });
}

export async function startIndependentPair(model: BenchModelName, batchSize: number, wasmDir: string | undefined): Promise<IndependentPair> {
  const script = await bundleWorker('scripts/bench/independent-worker.ts', 'independent-worker.js');
  const workers = [0, 1].map((rank) => {
    const rows = Math.floor(((rank + 1) * batchSize) / 2) - Math.floor((rank * batchSize) / 2);
    const data: IndependentWorkerData = { model, rows, ...(wasmDir !== undefined ? { wasmDir } : {}) };
    return new Worker(script, { workerData: data });
  });
  try {
    await Promise.all(workers.map(nextMessage));
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return {
    variant: async (batches) => {
      const done = workers.map(nextMessage);
      for (const worker of workers) worker.postMessage({ batches });
      await Promise.all(done);
    },
    dispose: async () => void await Promise.all(workers.map((w) => w.terminate())),
  };
}
