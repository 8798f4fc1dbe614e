// Fused optimizer updates on wasm (issue 15): sgd, momentum, adam and rmsprop from createOptimizer run one SIMD
// kernel per variable instead of tfjs's elementwise kernels, with the stock optimizers' numbers (weights after 20
// steps to 1e-5 relative), their state names and shapes (checkpoints both ways), and no leaked tensors. On cpu the
// same optimizers run tfjs's own update.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from '../../../runtime/language';
import { createOptimizer } from '../../../runtime/training/compile';
import { latestCheckpoint, restoreCheckpoint, writeCheckpoint } from '../../../runtime/training/checkpoint';
import { assertAllClose, seededValues, useBackend } from '../backends/helpers';

const FUSED: readonly Optimizer[] = ['sgd', 'momentum', 'adam', 'rmsprop'];
const BATCH = 8;

/**
 * Conv → dense → dense with seeded weights. Weight sizes 54, 3, 240, 5, 15, 3: the kernels' 4-lane loop and their
 * scalar loop for the last n mod 4 both run.
 */
function seededModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, strides: 1, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5, activation: 'tanh' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const weights = model.getWeights().map((w, i) => tf.tensor(seededValues(w.size, 11 + i).map((v) => v * 0.5), w.shape));
  model.setWeights(weights);
  tf.dispose(weights);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return model;
}

function batch(step: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.tensor(seededValues(BATCH * 72, 100 + step), [BATCH, 6, 6, 2]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => (i + step) % 3), 'int32'), 3));
  return { x, y };
}

async function train(model: tf.Sequential, from: number, steps: number): Promise<void> {
  for (let step = from; step < from + steps; step++) {
    const { x, y } = batch(step);
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
}

/** Kernels one applyGradients of `optimizer` runs on the active backend (gradients of one batch for `model`). */
async function updateKernels(model: tf.Sequential, optimizer: tf.Optimizer): Promise<string[]> {
  const { x, y } = batch(0);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.mean<tf.Scalar>(tf.metrics.categoricalCrossentropy(y, model.apply(x) as tf.Tensor)), variables);
  const profile = await tf.profile(() => optimizer.applyGradients(grads));
  tf.dispose([x, y, value, ...Object.values(grads)]);
  return profile.kernels.map((k) => k.name);
}

const values = (tensors: readonly tf.Tensor[]): Float32Array[] => tensors.map((t) => t.dataSync() as Float32Array);

async function stateOf(optimizer: tf.Optimizer): Promise<Array<{ name: string; shape: number[]; values: Float32Array }>> {
  const named = await optimizer.getWeights();
  const state = named.map(({ name, tensor }) => ({ name, shape: [...tensor.shape], values: tensor.dataSync() as Float32Array }));
  named.find((w) => w.name === 'iter')?.tensor.dispose();
  return state;
}

/** Slot names without the variable's unique layer name (`dense_Dense7/kernel/m` → `kernel/m`). */
const slotNames = (state: ReadonlyArray<{ name: string }>): string[] => state.map((s) => s.name.replace(/^[^/]*\//, ''));

for (const name of FUSED) {
  test(`wasm: fused ${name} equals tf.train's ${name} over 20 steps, runs no elementwise kernels, leaks nothing`, async () => {
    await useBackend('wasm');
    const stockOptimizer = createOptimizer(name, 0.05, { fused: false });
    const fusedOptimizer = createOptimizer(name, 0.05);
    const stock = seededModel(stockOptimizer);
    const fused = seededModel(fusedOptimizer);
    try {
      await train(stock, 0, 20);
      await train(fused, 0, 2);
      const tensors = tf.memory().numTensors;
      await train(fused, 2, 18);
      assert.equal(tf.memory().numTensors, tensors, 'tensors leaked by fused steps');
      const [a, b] = [values(fused.getWeights()), values(stock.getWeights())];
      a.forEach((w, i) => assertAllClose(w, b[i] ?? [], 1e-5, `${name} weight ${i}`));
      const [fusedState, stockState] = [await stateOf(fusedOptimizer), await stateOf(stockOptimizer)];
      assert.deepEqual(slotNames(fusedState), slotNames(stockState));
      assert.deepEqual(fusedState.map((s) => s.shape), stockState.map((s) => s.shape));
      fusedState.forEach((s, i) => assertAllClose(s.values, stockState[i]?.values ?? [], 1e-5, `${name} state ${s.name}`));
      assert.equal(fusedOptimizer.getClassName(), stockOptimizer.getClassName());
      // The fused update runs none of tfjs's Add kernels (adam keeps two scalar Multiply for β^t); stock does.
      assert.ok((await updateKernels(stock, stockOptimizer)).includes('Add'));
      const kernels = await updateKernels(fused, fusedOptimizer);
      assert.ok(kernels.every((k) => k === 'Multiply') && kernels.length <= 2, `fused ${name} ran ${kernels.join(', ')}`);
    } finally {
      stock.dispose();
      fused.dispose();
      stockOptimizer.dispose();
      fusedOptimizer.dispose();
    }
  });
}

test('cpu: the fused optimizers run tfjs\'s own update there, with the same numbers', async () => {
  await useBackend('cpu');
  for (const name of ['adam', 'rmsprop'] as const) {
    const stockOptimizer = createOptimizer(name, 0.05, { fused: false });
    const fusedOptimizer = createOptimizer(name, 0.05);
    const [stock, fused] = [seededModel(stockOptimizer), seededModel(fusedOptimizer)];
    await train(stock, 0, 3);
    await train(fused, 0, 3);
    values(fused.getWeights()).forEach((w, i) => assert.deepEqual(w, values(stock.getWeights())[i], `${name} weight ${i}`));
    assert.ok((await updateKernels(fused, fusedOptimizer)).includes('Add'), 'tfjs kernels on cpu');
    [stock, fused, stockOptimizer, fusedOptimizer].forEach((d) => d.dispose());
  }
});

test('wasm: checkpoints of the fused adam restore into tf.train.adam and back, and training continues identically', async () => {
  await useBackend('wasm');
  const runDir = (): string => mkdtempSync(join(tmpdir(), 'layerlens-fused-'));
  const state = { epoch: 1, step: 5, prng: { seed: 1, nextEpoch: 2, nextStep: 6 }, values: {}, savedAt: new Date(0).toISOString() };
  const made: Array<{ dispose(): void }> = [];
  const model = (fused: boolean): tf.Sequential => {
    const optimizer = createOptimizer('adam', 0.05, { fused });
    const m = seededModel(optimizer);
    made.push(m, optimizer);
    return m;
  };
  /** A fresh model and optimizer restored from `dir`'s newest checkpoint, trained on steps 5..9. */
  const resumed = async (dir: string, fused: boolean): Promise<Float32Array[]> => {
    const m = model(fused);
    const checkpoint = latestCheckpoint(dir);
    assert.ok(checkpoint?.state.optimizerSaved, 'optimizer state saved');
    await restoreCheckpoint(checkpoint.dir, checkpoint.state, m, m.optimizer);
    await train(m, 5, 5);
    return values(m.getWeights());
  };
  try {
    const straight = model(true);
    await train(straight, 0, 5);
    const fusedDir = runDir();
    await writeCheckpoint(fusedDir, straight, straight.optimizer, state);
    await train(straight, 5, 5);
    const expected = values(straight.getWeights());
    const stock = model(false);
    await train(stock, 0, 5);
    const stockDir = runDir(); // a checkpoint as runs before the fused optimizers wrote it
    await writeCheckpoint(stockDir, stock, stock.optimizer, state);
    for (const [label, dir, fused] of [['fused → stock', fusedDir, false], ['fused → fused', fusedDir, true], ['stock → fused', stockDir, true]] as const) {
      (await resumed(dir, fused)).forEach((w, i) => assertAllClose(w, expected[i] ?? [], 1e-5, `${label} weight ${i}`));
    }
  } finally {
    made.forEach((d) => d.dispose());
  }
});
