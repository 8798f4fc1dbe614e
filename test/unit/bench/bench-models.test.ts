// The training bench's FLOP count: the model-language twins of the bench models describe the same networks as
// the TensorFlow.js models it trains (same parameter count), and the MACs are LeNet's and the MLP's by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BENCH_MODELS, BENCH_MODEL_NAMES, modelCounts, trainingFlopsPerExample } from '../../../scripts/bench/bench-models';
import { median, spread } from '../../../scripts/bench/stats';

test('bench models: the model-language twin has the tfjs model\'s parameter count', async () => {
  await tf.setBackend('cpu');
  for (const name of BENCH_MODEL_NAMES) {
    const model = BENCH_MODELS[name].build();
    try {
      assert.equal(modelCounts(name).params, model.countParams(), name);
    } finally {
      model.dispose();
    }
  }
});

test('bench models: MACs and training FLOPs (3 × 2 × MACs) per example', () => {
  // LeNet: conv 24·24·(5·5·1)·6 + conv 8·8·(5·5·6)·16 + dense 256·120 + 120·84 + 84·10.
  const lenetMacs = 24 * 24 * 25 * 6 + 8 * 8 * 150 * 16 + 256 * 120 + 120 * 84 + 84 * 10;
  assert.equal(modelCounts('lenet').macs, lenetMacs);
  assert.equal(trainingFlopsPerExample('lenet'), 6 * lenetMacs);
  assert.equal(modelCounts('mlp').macs, 784 * 128 + 128 * 10);
});

test('bench stats: median of odd and even counts, spread keeps min/max and order', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.deepEqual(spread([5, 1, 3]), { median: 3, min: 1, max: 5, values: [5, 1, 3] });
});
