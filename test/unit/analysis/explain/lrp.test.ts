// LRP: conservation with zero biases, agreement with gradient × input where LRP-ε must reduce to it, z⁺ signs,
// relevance through add/concatenate/pooling, and a clear message for a layer it has no rule for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { lrp, predict } from '../../../../runtime/analysis/explain';
import { disposeGraph, graphOf, inputOf } from './helpers';

const NO_BIAS = `name: nobias
input: [10, 10, 1]
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: relu, useBias: false }
  - maxPool2d: { pool: 2 }
  - conv2d: { id: c2, filters: 6, kernel: 3, activation: relu, useBias: false }
  - flatten
  - dense: { id: f1, units: 8, activation: relu, useBias: false }
  - dense: { id: out, units: 3, activation: softmax, useBias: false }
`;

const BRANCHES = `name: branches
input: [8, 8, 2]
layers:
  - conv2d: { id: stem, filters: 4, kernel: 3, padding: same, activation: relu, useBias: false }
  - conv2d: { id: b1, filters: 4, kernel: 3, padding: same, activation: relu, useBias: false }
  - add: { id: sum, from: [b1, stem] }
  - avgPool2d: { id: pool, pool: 2 }
  - conv2d: { id: b2, filters: 3, kernel: 1, activation: relu, useBias: false, from: pool }
  - concatenate: { id: cat, from: [pool, b2] }
  - dropout: { rate: 0.3 }
  - globalAveragePooling2d
  - dense: { id: out, units: 4, activation: softmax, useBias: false }
`;

test('LRP-ε conserves relevance within 1% on dense+conv models with zero biases (pooling, add, concatenate too)', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  for (const [text, shape] of [[NO_BIAS, [10, 10, 1]], [BRANCHES, [8, 8, 2]]] as const) {
    const graph = graphOf(text);
    const x = inputOf(shape);
    const classIndex = (await predict(graph, x)).predicted;
    const before = tf.memory().numTensors;
    const result = await lrp(graph, x, classIndex, 'epsilon');
    assert.equal(tf.memory().numTensors, before, 'no tensors leak');
    assert.ok(Math.abs(result.score) > 1e-3);
    assert.ok(result.conservationGapPercent < 1, `${graph.spec.name}: gap ${result.conservationGapPercent}% (ΣR ${result.relevanceSum}, S ${result.score})`);
    const sum = result.map.data.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - result.relevanceSum) < 1e-4 * Math.max(1, Math.abs(sum)));
    assert.deepEqual(result.map.shape, shape);
    x.dispose();
    disposeGraph(graph);
  }
});

test('LRP-ε on a linear model is gradient × input', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(`name: linear
input: [4, 4, 1]
layers:
  - conv2d: { id: c, filters: 2, kernel: 3, padding: same, useBias: false }
  - flatten
  - dense: { id: out, units: 3, useBias: false }
`);
  const x = inputOf([4, 4, 1]);
  const eps = await lrp(graph, x, 1, 'epsilon', { epsilon: 1e-9 });
  const gradTimesInput = tf.tidy(() => Array.from(tf.mul(x, tf.grad((v: tf.Tensor) => tf.sum(tf.slice(graph.run(v).logits, [0, 1], [1, 1])))(x)).dataSync()));
  gradTimesInput.forEach((v, i) => assert.ok(Math.abs(v - (eps.map.data[i] ?? NaN)) < 1e-4, `${i}: ${eps.map.data[i]} vs ${v}`));
  x.dispose();
  disposeGraph(graph);
});

test('LRP-z⁺ on a ReLU model with non-negative inputs: every relevance has the sign of S, and it is conserved', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(NO_BIAS);
  const x = inputOf([10, 10, 1], 21);
  for (const classIndex of [0, 1, 2]) {
    const plus = await lrp(graph, x, classIndex, 'zplus');
    const sign = Math.sign(plus.score);
    assert.ok(plus.map.data.every((v) => v * sign >= 0), `class ${classIndex}: relevance of mixed sign`);
    assert.ok(plus.map.data.some((v) => v !== 0));
    assert.ok(plus.conservationGapPercent < 1, `z⁺ gap ${plus.conservationGapPercent}%`);
  }
  x.dispose();
  disposeGraph(graph);
});

test('a layer without an LRP rule gets a message naming it and its line', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const graph = graphOf(`name: gated
input: [6]
layers:
  - dense: { id: a, units: 4 }
  - dense: { id: b, units: 4, from: input }
  - multiply: { id: gate, from: [a, b] }
  - dense: { id: out, units: 2 }
`);
  const x = inputOf([6]);
  await assert.rejects(() => lrp(graph, x, 0, 'epsilon', { lines: new Map([['gate', 7]]) }), /layer 'gate' \(multiply, line 7\)/);
  x.dispose();
  disposeGraph(graph);
});
