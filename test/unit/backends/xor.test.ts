// A small seeded dense network learns XOR on every available backend (end-to-end training, fit + predict).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { TESTED_BACKENDS, useBackend } from './helpers';

const XOR_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_LABELS = [0, 1, 1, 0];

function xorModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
  return model;
}

for (const backendName of TESTED_BACKENDS) {
  test(`${backendName}: dense 2-8-1 network reaches 100% accuracy on XOR`, async () => {
    await useBackend(backendName);
    const tensorsBefore = tf.memory().numTensors;
    const model = xorModel();
    const inputs = tf.tensor2d(XOR_INPUTS);
    const labels = tf.tensor2d(XOR_LABELS, [4, 1]);
    // shuffle: false keeps the run deterministic (fit's shuffling uses Math.random).
    await model.fit(inputs, labels, { epochs: 250, batchSize: 4, shuffle: false, verbose: 0 });
    const prediction = model.predict(inputs) as tf.Tensor;
    const predicted = Array.from(await prediction.data());
    prediction.dispose();
    tf.dispose([inputs, labels]);
    model.optimizer.dispose(); // Adam's moment variables are not owned by the model
    model.dispose();
    assert.deepEqual(predicted.map((p) => (p > 0.5 ? 1 : 0)), XOR_LABELS, `predictions ${predicted.join(', ')}`);
    assert.equal(tf.memory().numTensors, tensorsBefore, 'training leaked tensors');
  });
}
