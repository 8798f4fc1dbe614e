// Data-parallel training (issue 15): two workers train exactly like one (losses over 20 steps to 1e-5 relative,
// batch norm and dropout included), replicas stay bit-identical, and a crashed worker fails the run without a hang.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import { defaultWasmDir, selectBackend } from '../../../runtime/backends';
import { runTrain, type TrainIo } from '../../../runtime/cli/train';
import { readMetrics } from '../../../runtime/runs';
import { buildModel } from '../../../runtime/training/build-model';
import { compileModel, createOptimizer } from '../../../runtime/training/compile';
import { stepFloats } from '../../../runtime/training/parallel/replica';
import type { WeightValues } from '../../../runtime/training/parallel/messages';
import { replicaState, WorkerPool, type PreparedBatch } from '../../../runtime/training/parallel/worker-pool';
import { checkText } from '../../../runtime/training/prepare';
import { heightWeightModel, recordingTrainer, workspace, xorModel } from './helpers';

const ROOT = resolve(__dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'layerlens-train-worker-'));
let bundled: Promise<string> | undefined;

/** dist/train-worker.js as the build makes it, bundled once for this file. */
function workerScript(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(dir, 'train-worker.js');
    await build({ entryPoints: [join(ROOT, 'runtime/training/parallel/worker-main.ts')], outfile, bundle: true,
      platform: 'node', format: 'cjs', logLevel: 'silent', absWorkingDir: ROOT });
    return outfile;
  })();
  return bundled;
}

// No bias before batch norm: its gradient is zero up to rounding, and Adam turns that rounding noise into steps of
// the full learning rate, so the bias (and the moving mean that follows it) would drift apart with summation order.
const convModel = `name: conv bn dropout
task: classification
input: [12, 12, 1]
data: { source: shapes, samples: 200, validationSplit: 0.2 }
layers:
  - conv2d: { filters: 4, kernel: 3, activation: linear, useBias: false }
  - batchNormalization: {}
  - activation: { fn: relu }
  - maxPool2d: { pool: 2 }
  - flatten: {}
  - dropout: { rate: 0.3 }
  - dense: { units: 3, activation: softmax }
train: { epochs: 2, batchSize: 16, optimizer: adam, learningRate: 0.01, seed: 7 }
`;

const cases = [
  { name: 'MLP', text: xorModel({ epochs: 2, seed: 5, batchSize: 8 }) },
  { name: 'conv + batch norm + dropout', text: convModel },
];

for (const { name, text } of cases) {
  test(`wasm: ${name} trains on 2 workers as on 1 (20 steps, losses to 1e-5 relative)`, async () => {
    const ws = workspace();
    const file = ws.modelFile('m', text);
    const trainer = recordingTrainer(ws, { trainWorkerScript: await workerScript() });
    const single = await trainer.run(file, text, 'wasm', { threads: 1 });
    const baseline = tf.memory().numTensors;
    const parallel = await trainer.run(file, text, 'wasm', { threads: 2 });
    assert.equal(tf.memory().numTensors, baseline, 'tensors leaked on the main thread by a 2-worker run');
    assert.equal(single.status, 'completed', single.message);
    assert.equal(parallel.status, 'completed', parallel.message);
    const logs = trainer.messages.flatMap((m) => (m.type === 'log' ? [m.message] : []));
    assert.ok(logs.some((l) => l.includes('data-parallel on 2 worker threads')), logs.join('\n'));
    const batches = (runDir: string) => readMetrics(runDir).filter((r) => r.kind === 'batch');
    const one = batches(single.runDir);
    const two = batches(parallel.runDir);
    assert.equal(one.length, 20);
    assert.equal(two.length, 20);
    for (const [i, row] of one.entries()) {
      for (const metric of ['loss', 'accuracy']) {
        const a = row.values[metric] ?? Number.NaN;
        const b = two[i]?.values[metric] ?? Number.NaN;
        assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)), `step ${row.step} ${metric}: 1 worker ${a}, 2 workers ${b}`);
      }
    }
    // Validation reads the main model after the workers' weights are copied back (batch-norm moving statistics too).
    for (const metric of ['val_loss', 'val_accuracy']) {
      const a = single.final[metric] ?? Number.NaN;
      const b = parallel.final[metric] ?? Number.NaN;
      assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a)), `${metric}: 1 worker ${a}, 2 workers ${b}`);
    }
  });
}

/** A 2-worker pool (wasm) holding replicas of the model `text`, and what frees it. */
async function startPool(text: string, seed: number): Promise<{ pool: WorkerPool; dispose: () => Promise<void> }> {
  await selectBackend({ preference: 'wasm', nodeModuleDirs: [] });
  const checked = checkText(text, 'p.model.yaml');
  if (checked.type !== 'ok') throw new Error(checked.type === 'error' ? checked.message : 'not ok');
  const built = buildModel(checked.spec, seed);
  const optimizer = createOptimizer('adam', checked.spec.train.learningRate);
  compileModel(built.model, checked.spec.train, optimizer);
  const pool = await WorkerPool.start(
    { workerScript: await workerScript(), workers: 2, backend: 'wasm', slotFloats: stepFloats(built.model), wasmDir: defaultWasmDir() },
    { text, modelFile: 'p.model.yaml', seed, frozen: [], ...await replicaState(built.model, optimizer) },
  );
  return {
    pool,
    dispose: async () => {
      await pool.dispose();
      built.model.dispose();
      optimizer.dispose();
    },
  };
}

/** Weights and optimizer state as plain arrays, for deepEqual. */
const plain = (state: { weights: readonly WeightValues[]; optimizerWeights: readonly WeightValues[] }): number[][][] =>
  [state.weights, state.optimizerWeights].map((list) => list.map((w) => Array.from(w.values)));

test('wasm: both replicas hold bit-identical weights and optimizer state after uneven steps', async () => {
  const { pool, dispose } = await startPool(convModel, 3);
  try {
    // 5 rows (3 + 2), then 1 row: the second worker has no rows and still takes part in every all-reduce.
    for (const [step, rows] of [[1, 5], [2, 1], [3, 16]] as const) {
      const x = Float32Array.from({ length: rows * 144 }, (_, i) => Math.sin(i * 0.37 + step));
      const y = Float32Array.from({ length: rows * 3 }, (_, i) => (i % 3 === (Math.floor(i / 3) % 3) ? 1 : 0));
      const values = await pool.step(step, { x, xShape: [rows, 12, 12, 1], y, yShape: [rows, 3] });
      assert.ok(Number.isFinite(values[0]), `step ${step} loss ${values[0]}`);
    }
    const [a, b] = await Promise.all([pool.pull(0), pool.pull(1)]);
    assert.ok(a.optimizerWeights.length > 0, 'adam state travels');
    assert.deepEqual(plain(b), plain(a));
  } finally {
    await dispose();
  }
});

test('wasm: a step sent ahead and then cancelled leaves both replicas as they were; the next one trains normally', async () => {
  const { pool, dispose } = await startPool(xorModel({ epochs: 1, seed: 5, batchSize: 8 }), 5);
  const batch = (seed: number): PreparedBatch => ({
    x: Float32Array.from({ length: 16 }, (_, i) => Math.sin(i * 0.37 + seed)), xShape: [8, 2],
    y: Float32Array.from({ length: 16 }, (_, i) => (i % 2 === Math.floor(i / 2) % 2 ? 1 : 0)), yShape: [8, 2],
  });
  try {
    const first = await pool.step(1, batch(1));
    const before = await pool.pull(0);
    const cancelled = pool.dispatch(2, batch(2));
    pool.cancel(2);
    assert.equal(await cancelled, undefined);
    const [a, b] = await Promise.all([pool.pull(0), pool.pull(1)]);
    assert.deepEqual(plain(a), plain(before), 'worker 1 applied a cancelled step');
    assert.deepEqual(plain(b), plain(before), 'worker 2 applied a cancelled step');
    // Step 1's batch again, from step 1's weights: a lower loss than step 1 reported (the update was applied once).
    const again = await pool.step(2, batch(1));
    assert.ok((again[0] ?? Number.NaN) < (first[0] ?? Number.NaN), `loss ${first[0]} then ${again[0]}`);
    const [c, d] = await Promise.all([pool.pull(0), pool.pull(1)]);
    assert.notDeepEqual(plain(c), plain(before));
    assert.deepEqual(plain(d), plain(c));
  } finally {
    await dispose();
  }
});

test('wasm: a diverging loss on 2 workers fails the run while the next step waits at the gate; nothing hangs', async () => {
  const ws = workspace();
  const text = heightWeightModel({ epochs: 5, learningRate: 100, optimizer: 'sgd' });
  const trainer = recordingTrainer(ws, { trainWorkerScript: await workerScript() });
  const result = await trainer.run(ws.modelFile('hw', text), text, 'wasm', { threads: 2 });
  assert.equal(result.status, 'failed');
  assert.match(result.message ?? '', /^The loss became (NaN|infinite) at epoch \d+, batch \d+/);
  assert.ok(trainer.messages.some((m) => m.type === 'log' && m.message.includes('data-parallel on 2 worker threads')));
  assert.ok(!existsSync(join(result.runDir, 'model')), 'no final model is saved from diverged weights');
  // The workers, one of them blocked at the gate of the step sent ahead, are gone: the trainer is free again.
  const again = await trainer.run(ws.modelFile('x', xorModel({ epochs: 1, seed: 5 })), xorModel({ epochs: 1, seed: 5 }), 'wasm', { threads: 2 });
  assert.equal(again.status, 'completed', again.message);
});

/** A worker script whose second worker throws on its first step while the first blocks for good (as a real one
 * would wait at the barrier). */
function crashingWorker(): string {
  const file = join(dir, 'crashing-worker.js');
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');
let rank = 0;
parentPort.on('message', (m) => {
  if (m.type === 'init') { rank = m.rank; parentPort.postMessage({ type: 'ready' }); return; }
  if (rank === 1) throw new Error('simulated crash');
  const word = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(word, 0, 0);
});
`);
  return file;
}

test('a crashed worker fails the run with a clear message and nothing hangs', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 2, seed: 5, batchSize: 8 });
  const trainer = recordingTrainer(ws, { trainWorkerScript: crashingWorker() });
  const result = await trainer.run(ws.modelFile('x', text), text, 'wasm', { threads: 2 });
  assert.equal(result.status, 'failed');
  assert.match(result.message ?? '', /training worker 2 of 2 crashed: simulated crash/);
  // The trainer is free again at once (and this file's process exits only if the blocked worker was terminated).
  const again = await trainer.run(ws.modelFile('x', text), text, 'wasm', { threads: 1 });
  assert.equal(again.status, 'completed', again.message);
});

test('layerlens train --threads: validated, and passed to the trainer (1 keeps the single path)', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 1, seed: 5, batchSize: 8 });
  const file = ws.modelFile('x', text);
  const io = (): TrainIo & { err: string } => {
    const captured = { err: '', isTTY: false, stdout: () => undefined, stderr(t: string) { captured.err += t; }, readFile: (p: string) => readFileSync(p, 'utf8') };
    return captured;
  };
  const bad = io();
  assert.equal(await runTrain([file, '--threads', 'two'], bad), 2);
  assert.match(bad.err, /--threads must be a whole number ≥ 0/);
  const deps = { trainWorkerScript: crashingWorker() };
  const two = io();
  assert.equal(await runTrain([file, '--backend', 'wasm', '--threads', '2'], two, deps), 1);
  assert.match(two.err, /training worker 2 of 2 crashed/);
  assert.equal(await runTrain([file, '--backend', 'wasm', '--threads', '1'], io(), deps), 0);
});

test('wasm: stopping a 2-worker run ends it after the current batch with the workers gone and the model saved', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 50, seed: 5, batchSize: 8 });
  let asked = false;
  const trainer = recordingTrainer(ws, { trainWorkerScript: await workerScript() }, (message, t) => {
    if (message.type === 'runMetrics' && !asked) asked = t.requestStop(message.runId);
  });
  const result = await trainer.run(ws.modelFile('x', text), text, 'wasm', { threads: 2 });
  assert.ok(asked, 'the stop request reached the run');
  assert.equal(result.status, 'stopped', result.message);
  const rows = readMetrics(result.runDir).filter((r) => r.kind === 'batch');
  assert.ok(rows.length < 50 * 10, `stopped early (${rows.length} batches)`);
  assert.ok(existsSync(join(result.runDir, 'model', 'model.json')), 'the final model was copied back and saved');
});
