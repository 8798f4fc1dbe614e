// FGSM and PGD: the hand-computed linear case, the budget and the valid range always hold, one PGD step is FGSM,
// targeted steps move towards the target, inference mode (dropout never fires), and nothing leaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { craftAdversarial, linfPerExample, targetsFor } from '../../../../runtime/analysis/attacks';
import { attackedModel, disposeModel, maxAbs, SMALL_CNN } from './helpers';

const LOGISTIC = `name: logistic
task: classification
input: [5]
layers:
  - dense: { units: 1, activation: sigmoid }
train: { loss: binaryCrossentropy }
`;
const SOFTMAX_LINEAR = `name: linear
task: classification
input: [5]
layers:
  - dense: { units: 2, activation: softmax }
train: { loss: categoricalCrossentropy }
`;
const WIDE = { lo: -10, hi: 10 };

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: FGSM on a linear model is ε·sign(w), computed by hand`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const w = [0.5, -1.25, 2, -0.25, 0.75];
    // Logistic regression: ∂L/∂x = (σ(w·x + b) − y)·w, so label 0 gives +ε·sign(w) and label 1 gives −ε·sign(w).
    const logistic = attackedModel(LOGISTIC, 1, [tf.tensor2d(w, [5, 1]), tf.tensor1d([0.1])]);
    const epsilon = 0.3;
    for (const label of [0, 1]) {
      const delta = tf.tidy(() => {
        const x = tf.zeros([1, 5]);
        const adversarial = craftAdversarial({
          model: logistic, x, targets: targetsFor(logistic.graph, [label]), targeted: false, range: WIDE, params: { kind: 'fgsm', epsilon },
        });
        return Array.from(tf.sub(adversarial, x).dataSync());
      });
      const expected = w.map((wi) => (label === 0 ? 1 : -1) * epsilon * Math.sign(wi));
      delta.forEach((d, i) => assert.ok(Math.abs(d - (expected[i] ?? 0)) < 1e-6, `label ${label}, x[${i}]: ${d} vs ${expected[i]}`));
    }
    disposeModel(logistic);
    // Two-unit softmax, label 0: ∂L/∂x = p₁·(w₁ − w₀), so δ = ε·sign(w₁ − w₀).
    const w0 = [1, -2, 0.5, 0.25, -1];
    const w1 = [-1, 1, 1.5, -0.75, -0.5];
    const kernel = tf.tensor2d(w0.flatMap((a, i) => [a, w1[i] ?? 0]), [5, 2]);
    const softmax = attackedModel(SOFTMAX_LINEAR, 1, [kernel, tf.tensor1d([0, 0])]);
    const delta = tf.tidy(() => {
      const x = tf.tensor2d([[0.2, -0.1, 0.3, 0.05, 0.4]]);
      const adversarial = craftAdversarial({
        model: softmax, x, targets: targetsFor(softmax.graph, [0]), targeted: false, range: WIDE, params: { kind: 'fgsm', epsilon },
      });
      return Array.from(tf.sub(adversarial, x).dataSync());
    });
    delta.forEach((d, i) => assert.ok(Math.abs(d - epsilon * Math.sign((w1[i] ?? 0) - (w0[i] ?? 0))) < 1e-6, `x[${i}]: ${d}`));
    disposeModel(softmax);
  });

  test(`${backend}: one PGD step without random start equals FGSM; targeted steps raise the target's probability`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const model = attackedModel(SMALL_CNN, 3);
    tf.tidy(() => model.graph.run(tf.zeros([1, 6, 6, 1])).output); // the graph's logits twin holds its weight copies from here on
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomUniform([4, 6, 6, 1], 0, 1, 'float32', 11);
      const targets = targetsFor(model.graph, [0, 1, 2, 3]);
      const common = { model, x, targets, targeted: false, range: { lo: 0, hi: 1 } };
      const fgsm = craftAdversarial({ ...common, params: { kind: 'fgsm', epsilon: 0.1 } });
      const pgd = craftAdversarial({ ...common, params: { kind: 'pgd', epsilon: 0.1, steps: 1 } });
      assert.equal(maxAbs(tf.sub(fgsm, pgd)), 0, 'PGD-1 (α = 2.5ε, projected) is FGSM exactly');
      assert.ok(maxAbs(tf.sub(fgsm, x)) > 0.05, 'the attack moved the input');
      const target = targetsFor(model.graph, [3, 3, 3, 3]);
      const towards = craftAdversarial({ ...common, targets: target, targeted: true, params: { kind: 'pgd', epsilon: 0.3, steps: 10 } });
      const p = (input: tf.Tensor): number => tf.mean(tf.slice(model.graph.run(input).output, [0, 3], [-1, 1])).dataSync()[0] ?? 0;
      assert.ok(p(towards) > p(x) + 0.01, `targeted PGD raises p(target): ${p(x)} → ${p(towards)}`);
    });
    assert.equal(tf.memory().numTensors, before, 'attacks leak no tensors');
    disposeModel(model);
  });
}

test('cpu: ‖δ‖∞ ≤ ε and the valid range hold for every attack, ε, step size and start', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const model = attackedModel(SMALL_CNN, 5);
  fc.assert(fc.property(
    fc.constantFrom('fgsm' as const, 'pgd' as const), fc.double({ min: 0, max: 0.6, noNaN: true }), fc.integer({ min: 1, max: 4 }),
    fc.double({ min: 0.001, max: 1, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 1000 }),
    (kind, epsilon, steps, stepSize, randomStart, seed) => {
      tf.tidy(() => {
        const x = tf.randomUniform([2, 6, 6, 1], 0, 1, 'float32', seed);
        const adversarial = craftAdversarial({
          model, x, targets: targetsFor(model.graph, [seed % 4, (seed + 1) % 4]), targeted: seed % 2 === 0, range: { lo: 0, hi: 1 },
          params: { kind, epsilon, steps, stepSize, randomStart, seed },
        });
        const linf = tf.max(linfPerExample(x, adversarial)).dataSync()[0] ?? Infinity;
        assert.ok(linf <= epsilon + 1e-6, `‖δ‖∞ = ${linf} > ε = ${epsilon}`);
        assert.ok((tf.min(adversarial).dataSync()[0] ?? -1) >= 0 && (tf.max(adversarial).dataSync()[0] ?? 2) <= 1, 'inside [0, 1]');
      });
    },
  ), { numRuns: 40, seed: 42 });
  disposeModel(model);
});

test('cpu: attacks run in inference mode (dropout never fires) and the random start is seeded', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const model = attackedModel(SMALL_CNN, 9);
  tf.tidy(() => {
    const x = tf.randomUniform([3, 6, 6, 1], 0, 1, 'float32', 2);
    const request = { model, x, targets: targetsFor(model.graph, [0, 1, 2]), targeted: false, range: { lo: 0, hi: 1 } };
    const params = { kind: 'pgd' as const, epsilon: 0.2, steps: 3, randomStart: true, seed: 17 };
    const first = craftAdversarial({ ...request, params });
    assert.equal(maxAbs(tf.sub(first, craftAdversarial({ ...request, params }))), 0, 'same seed, same result (no dropout noise)');
    assert.ok(maxAbs(tf.sub(first, craftAdversarial({ ...request, params: { ...params, seed: 18 } }))) > 0, 'another seed starts elsewhere');
  });
  disposeModel(model);
});
