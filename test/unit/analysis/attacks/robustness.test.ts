// Robust accuracy: at ε = 0 it equals clean accuracy (computed independently with model.predict), it falls with ε
// for PGD, transfer crafts on one model and evaluates another, progress and cancel work, and the sanity checks,
// input transforms and robustness.json behave as documented.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { CancellationToken, CancelledError } from '../../../../runtime/ipc/cancellation';
import {
  applyTransform, medianFilter, readRobustness, robustAccuracy, ROBUSTNESS_FILE, sanityFindings, storeRobustness,
  type RobustnessCurve,
} from '../../../../runtime/analysis/attacks';
import { attackedModel, disposeModel, SMALL_CNN } from './helpers';

/** 40 examples: the first 30 labelled as the model predicts (clean-correct), the rest with a shifted label. */
function examples(model: ReturnType<typeof attackedModel>): { xs: tf.Tensor; labels: Int32Array; clean: number } {
  const xs = tf.randomUniform([40, 6, 6, 1], 0, 1, 'float32', 21);
  const predicted = tf.tidy(() => (tf.argMax(model.graph.built.model.predict(xs) as tf.Tensor, -1).dataSync() as Int32Array));
  const labels = Int32Array.from(predicted, (p, i) => (i < 30 ? p : (p + 1) % 4));
  return { xs, labels, clean: 30 / 40 };
}

test('cpu: accuracy at ε = 0 equals clean accuracy; PGD accuracy does not rise with ε; ‖δ‖∞ ≤ ε', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const model = attackedModel(SMALL_CNN, 3);
  const { xs, labels, clean } = examples(model);
  for (const attack of ['fgsm', 'pgd'] as const) {
    const progress: number[] = [];
    const result = await robustAccuracy({
      target: model, xs, labels, attack, epsilons: [0, 0.05, 0.2, 0.5], steps: 5, randomStart: true, seed: 1,
      range: { lo: 0, hi: 1 }, batchSize: 16, onProgress: (done, total) => progress.push(done / total),
    });
    assert.equal(result.cleanAccuracy, clean);
    assert.equal(result.accuracy[0], clean, `${attack}: accuracy at ε = 0 is the clean accuracy`);
    assert.ok((result.accuracy[3] ?? 1) < clean, `${attack}: an ε of 0.5 breaks something (${result.accuracy.join(', ')})`);
    result.maxLinf.forEach((linf, i) => assert.ok(linf <= (result.epsilons[i] ?? 0) + 1e-6));
    if (attack === 'pgd') assert.deepEqual(sanityFindings(result), [], 'a sound PGD curve passes every check');
    assert.equal(progress.at(-1), 1);
    assert.ok(progress.every((p, i) => i === 0 || p >= (progress[i - 1] ?? 0)), 'progress never goes back');
  }
  xs.dispose();
  disposeModel(model);
});

test('cpu: transfer crafts on the surrogate and evaluates the target; cancel stops between batches', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const target = attackedModel(SMALL_CNN, 3);
  const surrogate = attackedModel(SMALL_CNN, 4);
  const { xs, labels, clean } = examples(target);
  const white = await robustAccuracy({ target, xs, labels, attack: 'fgsm', epsilons: [0, 0.3], range: { lo: 0, hi: 1 } });
  const transfer = await robustAccuracy({ target, surrogate, xs, labels, attack: 'fgsm', epsilons: [0, 0.3], range: { lo: 0, hi: 1 } });
  assert.equal(transfer.accuracy[0], clean);
  assert.notDeepEqual(transfer.accuracy, white.accuracy, 'crafted on another model, the perturbations differ');
  const token = new CancellationToken();
  let batches = 0;
  await assert.rejects(robustAccuracy({
    target, xs, labels, attack: 'pgd', epsilons: [0.1, 0.2], range: { lo: 0, hi: 1 }, batchSize: 8, token,
    onProgress: () => { if (++batches === 2) token.cancel(); },
  }), CancelledError);
  assert.equal(batches, 2, 'nothing ran after the cancel');
  xs.dispose();
  disposeModel(target);
  disposeModel(surrogate);
});

test('sanity checks name the three classic bugs in plain words', () => {
  const base = { attack: 'pgd' as const, epsilons: [0, 0.1, 0.2], samples: 100, cleanAccuracy: 0.9, maxLinf: [0, 0.1, 0.2] };
  assert.deepEqual(sanityFindings({ ...base, accuracy: [0.9, 0.5, 0.2] }), []);
  const findings = sanityFindings({ ...base, accuracy: [0.8, 0.3, 0.6], maxLinf: [0, 0.15, 0.2] });
  assert.deepEqual(findings.map((f) => f.check), ['zero-equals-clean', 'linf-within-epsilon', 'non-increasing']);
  assert.match(findings[2]?.message ?? '', /the attack may be masked by the model's gradients/);
  assert.deepEqual(sanityFindings({ ...base, attack: 'fgsm', accuracy: [0.9, 0.3, 0.6] }), [], 'FGSM curves may rise (it is one step)');
});

test('cpu: bit-depth reduction and the median filter, checked by hand', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const squeezed = tf.tidy(() => Array.from(applyTransform(tf.tensor1d([0, 0.2, 0.4, 0.6, 0.9]), { bitDepth: 1 }, { lo: 0, hi: 1 }).dataSync()));
  assert.deepEqual(squeezed, [0, 0, 0, 1, 1]);
  // A lone bright pixel in a dark 3×3 image disappears under a 3×3 median; an edge (two bright rows over a dark one) survives,
  // because symmetric padding mirrors the border rows.
  const filtered = tf.tidy(() => Array.from(medianFilter(tf.tensor4d([0, 0, 0, 0, 1, 0, 0, 0, 0], [1, 3, 3, 1]), 3).dataSync()));
  assert.deepEqual(filtered, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const edge = tf.tidy(() => Array.from(medianFilter(tf.tensor4d([1, 1, 1, 1, 1, 1, 0, 0, 0], [1, 3, 3, 1]), 3).dataSync()));
  assert.deepEqual(edge, [1, 1, 1, 1, 1, 1, 0, 0, 0]);
});

test('robustness.json keeps one curve per configuration, written whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-robustness-'));
  const curve: RobustnessCurve = {
    attack: 'pgd', epsilons: [0, 0.1], accuracy: [0.9, 0.4], cleanAccuracy: 0.9, samples: 10, maxLinf: [0, 0.1], steps: 10,
    stepSize: null, randomStart: false, seed: 0, label: 'true', transferFrom: null, transform: null, epoch: null, createdAt: 'now',
  };
  storeRobustness(dir, curve);
  storeRobustness(dir, { ...curve, attack: 'fgsm', steps: null });
  storeRobustness(dir, { ...curve, accuracy: [0.9, 0.3] });
  const stored = readRobustness(dir);
  assert.equal(stored.length, 2);
  assert.deepEqual(stored.find((c) => c.attack === 'pgd')?.accuracy, [0.9, 0.3]);
  assert.equal((JSON.parse(readFileSync(join(dir, ROBUSTNESS_FILE), 'utf8')) as { version: number }).version, 1);
});
