// Saliency, SmoothGrad and Integrated Gradients against independent computations: central finite differences and
// the completeness axiom.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { integratedGradients, predict, saliency, smoothGrad } from '../../../../runtime/analysis/explain';
import { disposeGraph, graphOf, inputOf, LENET_LIKE, randomiseBiases, SMOOTH_CNN } from './helpers';

test('saliency equals |central finite differences| of the logit, max over channels for display', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(SMOOTH_CNN);
  randomiseBiases(graph);
  const x = inputOf([5, 5, 2]);
  const classIndex = 2;
  await predict(graph, x);
  const before = tf.memory().numTensors;
  const result = await saliency(graph, x, classIndex);
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  assert.deepEqual(result.map.shape, [5, 5, 2]);
  assert.deepEqual(result.upsampled.shape, [5, 5]);
  const base = Array.from(x.dataSync());
  const logit = (values: number[]): number => tf.tidy(() => graph.run(tf.tensor(values, [1, 5, 5, 2])).logits.dataSync()[classIndex] ?? NaN);
  const h = 1e-2;
  base.forEach((_, i) => {
    const plus = base.slice(); plus[i] = (plus[i] ?? 0) + h;
    const minus = base.slice(); minus[i] = (minus[i] ?? 0) - h;
    const fd = Math.abs((logit(plus) - logit(minus)) / (2 * h));
    assert.ok(Math.abs((result.map.data[i] ?? NaN) - fd) < 2e-3 * Math.max(1, fd), `∂S/∂x_${i}: ${result.map.data[i]} vs ${fd}`);
  });
  for (let p = 0; p < 25; p++) assert.equal(result.upsampled.data[p], Math.max(result.map.data[2 * p] ?? 0, result.map.data[2 * p + 1] ?? 0));
  x.dispose();
  disposeGraph(graph);
});

test('Integrated Gradients with 300 steps: completeness gap under 1%, and the trapezoid sum is what is reported', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(LENET_LIKE);
  randomiseBiases(graph);
  const x = inputOf([12, 12, 1]);
  const classIndex = (await predict(graph, x)).predicted;
  const before = tf.memory().numTensors;
  const result = await integratedGradients(graph, x, classIndex, { steps: 300 });
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  const expected = tf.tidy(() => {
    const s = graph.run(tf.concat([x, tf.zerosLike(x)])).logits.arraySync() as number[][];
    return (s[0]?.[classIndex] ?? NaN) - (s[1]?.[classIndex] ?? NaN);
  });
  assert.ok(Math.abs(result.scoreDelta - expected) < 1e-4);
  const sum = result.map.data.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - result.attributionSum) < 1e-3 * Math.max(1, Math.abs(sum)));
  assert.ok(result.completenessGapPercent < 1, `gap ${result.completenessGapPercent}%`);
  assert.ok(Math.abs(expected) > 1e-3, 'the test input has a non-trivial score difference');
  // A black baseline: attributions vanish where the input is 0.
  const zeroed = tf.tidy(() => tf.mul(x, tf.concat([tf.zeros([1, 6, 12, 1]), tf.ones([1, 6, 12, 1])], 1)));
  const half = await integratedGradients(graph, zeroed, classIndex, { steps: 20 });
  assert.ok(half.map.data.slice(0, 72).every((v) => v === 0));
  zeroed.dispose();
  x.dispose();
  disposeGraph(graph);
});

test('SmoothGrad is seeded (same seed → same map, other seed → another) and averages |∇| of noisy copies', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(SMOOTH_CNN);
  const x = inputOf([5, 5, 2]);
  await predict(graph, x);
  const before = tf.memory().numTensors;
  const a = await smoothGrad(graph, x, 1, { samples: 10, sigma: 0.2, seed: 4 });
  const b = await smoothGrad(graph, x, 1, { samples: 10, sigma: 0.2, seed: 4 });
  const c = await smoothGrad(graph, x, 1, { samples: 10, sigma: 0.2, seed: 5 });
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  assert.deepEqual(a.map.data, b.map.data);
  assert.notDeepEqual(a.map.data, c.map.data);
  const range = tf.tidy(() => tf.sub(tf.max(x), tf.min(x)).dataSync()[0] ?? 0);
  assert.ok(Math.abs(a.sigmaAbsolute - 0.2 * range) < 1e-6);
  // σ → 0 gives back plain saliency.
  const tiny = await smoothGrad(graph, x, 1, { samples: 3, sigma: 0, seed: 1 });
  const plain = await saliency(graph, x, 1);
  tiny.map.data.forEach((v, i) => assert.ok(Math.abs(v - (plain.map.data[i] ?? NaN)) < 1e-6));
  x.dispose();
  disposeGraph(graph);
});
