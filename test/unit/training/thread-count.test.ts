// layerlens.threads → worker count: auto (0) splits only batches big enough to pay for the per-step synchronisation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { MIN_AUTO_PARALLEL_STEP_FLOPS, threadCount } from '../../../runtime/training/parallel/parallel-runner';

const ROOT = resolve(__dirname, '../../../..');
const CORES = Math.max(1, cpus().length);

/** MLP 784-128-10 at batch 64: 101,632 MACs × 64 × 6 ≈ 39 MFLOP a batch. */
const MLP = `name: mlp
input: [28, 28, 1]
data: { source: mnist, samples: 256 }
layers:
  - flatten: {}
  - dense: { units: 128, activation: relu }
  - dense: { units: 10, activation: softmax }
train: { epochs: 1, batchSize: 64, optimizer: adam, loss: categoricalCrossentropy, metrics: [accuracy] }
`;

test('an explicit count is used as given; absent is one thread', () => {
  assert.deepEqual(threadCount(undefined, MLP, 'mlp.model.yaml'), { count: 1 });
  assert.deepEqual(threadCount(1, MLP, 'mlp.model.yaml'), { count: 1 });
  assert.deepEqual(threadCount(3, MLP, 'mlp.model.yaml'), { count: 3 });
});

test('auto keeps a small MLP batch on one thread, and says why', () => {
  const chosen = threadCount(0, MLP, 'mlp.model.yaml');
  assert.equal(chosen.count, 1);
  if (CORES > 1) assert.match(chosen.why ?? '', /39 MFLOP, under the 100 MFLOP/);
});

test('auto splits a LeNet batch (≈ 160 MFLOP) across every core', () => {
  const lenet = readFileSync(resolve(ROOT, 'samples/lenet.model.yaml'), 'utf8');
  const chosen = threadCount(0, lenet, 'lenet.model.yaml');
  assert.equal(chosen.count, CORES);
  assert.equal(chosen.why, undefined);
  assert.ok(6 * 416_520 * 64 >= MIN_AUTO_PARALLEL_STEP_FLOPS);
});
