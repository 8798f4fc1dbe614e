// Entry of dist/train-worker.js: one data-parallel training worker (a worker_threads thread of the runtime). It
// selects its own wasm (or cpu) backend, with LayerLens's kernel fixes, builds a replica of the run's model from the
// model file text, loads the main model's weights and optimizer state, then trains on the slices it is sent.
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../../backends';
import { buildModel } from '../build-model';
import { compileModel, createOptimizer } from '../compile';
import { checkText } from '../prepare';
import { abortAllReduce, AbortedError, AllReduce, type AllReduceLayout } from './all-reduce';
import type { FromWorker, ToWorker, WorkerInit } from './messages';
import { Replica } from './replica';
import { awaitVerdict } from './step-gate';

const port = parentPort;
if (!port) throw new Error('train-worker.js runs only as a worker thread');
const send = (message: FromWorker): void => port.postMessage(message);

let replica: Replica | undefined;
let layout: AllReduceLayout | undefined;
let variableNames: readonly string[] = [];

async function init(message: WorkerInit): Promise<void> {
  await selectBackend({ preference: message.backend, nodeModuleDirs: [], ...(message.wasmDir !== undefined ? { wasmDir: message.wasmDir } : {}) });
  const checked = checkText(message.text, message.modelFile);
  if (checked.type === 'error') throw new Error(checked.message);
  const built = buildModel(checked.spec, message.seed);
  const frozen = new Set(message.frozen);
  for (const layer of built.model.layers) if (frozen.has(layer.name)) layer.trainable = false;
  const optimizer = createOptimizer(checked.spec.train.optimizer, checked.spec.train.learningRate);
  compileModel(built.model, checked.spec.train, optimizer);
  layout = message.allReduce;
  variableNames = message.variableNames;
  const shared = message.allReduce;
  replica = new Replica(built, optimizer, new AllReduce(shared, message.rank), message.seed, (step) => awaitVerdict(shared, step));
  await replica.load(message.weights, message.optimizerWeights);
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'init') {
    await init(message);
    send({ type: 'ready' });
    return;
  }
  if (!replica) throw new Error(`'${message.type}' before 'init'`);
  if (message.type === 'step') {
    const values = replica.step(message);
    send(values ? { type: 'stepDone', step: message.step, values } : { type: 'stepCancelled', step: message.step });
    return;
  }
  send({ type: 'weights', weights: replica.weights(), optimizerWeights: message.withOptimizer ? await replica.optimizerWeights(variableNames) : [] });
}

// Messages are handled strictly in order: a step must not start while the previous message is still awaiting.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => {
    // Release the other workers from the barrier; they report AbortedError, the coordinator reports this one.
    if (layout) abortAllReduce(layout);
    const text = error instanceof Error ? error.message : String(error);
    send({ type: 'failed', message: error instanceof AbortedError ? `aborted: ${text}` : text });
  });
});
