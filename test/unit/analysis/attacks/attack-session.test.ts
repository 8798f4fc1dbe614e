// Attacks on opened runs, as the `attack`/`robustness` requests and the CLI run them: which label is attacked, the
// clip range, targeted attacks, robustness.json, transfer between runs, progress and cancel through the handlers, and
// the Adversarial view's Grad-CAM before | after (the runtime's `explain` on the attack's own tensors).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadRun, SessionCache } from '../../../../runtime/analysis';
import { attackExample, readRobustness, ROBUSTNESS_FILE, robustnessOfRun } from '../../../../runtime/analysis/attacks';
import { createAttackHandlers } from '../../../../runtime/analysis/attacks/attack-handlers';
import { createExplainHandlers } from '../../../../runtime/analysis/explain/handlers';
import { selectBackend } from '../../../../runtime/backends';
import { CancellationToken, CancelledError } from '../../../../runtime/ipc/cancellation';
import type { AnalysisInput } from '../../../../runtime/protocol';
import { gradCamClasses } from '../../../../webviews/inspector/ui/adversarial-gradcam';
import { tempDir, writeRun } from '../fixtures';

const MODEL = `name: tiny
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 60, validationSplit: 0.5 }
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: relu }
  - dropout: { rate: 0.5 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 5 }
`;

function cacheOf(): SessionCache {
  return new SessionCache((runDir, epoch) => loadRun(runDir, { assetsDir: '/nonexistent', ...(epoch !== undefined ? { epoch } : {}) }));
}

test('cpu: attack one example: true label by default, --label and predicted otherwise; clipped, within ε, targeted', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'tiny', MODEL);
  const cache = cacheOf();
  const session = await cache.open(runDir, undefined);
  const result = await attackExample(session, { input: { example: 2 }, attack: 'pgd', epsilon: 0.2, steps: 5, randomStart: true, seed: 3 });
  const before = tf.memory().numTensors; // after the first run, which made the graph's logits twin
  assert.equal(result.label, result.trueLabel, 'a validation example is attacked with its true label');
  assert.deepEqual(result.clip, [0, 1]);
  assert.equal(result.target, null);
  assert.deepEqual(result.adversarial.shape, [8, 8, 1]);
  assert.ok(result.linf <= 0.2 && result.linf > 0.1, `‖δ‖∞ = ${result.linf}`);
  assert.ok(result.adversarial.data.every((v) => v >= 0 && v <= 1));
  assert.equal(result.stepSize, (2.5 * 0.2) / 5);
  const sum = (p: Float32Array): number => p.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum(result.probsBefore) - 1) < 1e-5 && Math.abs(sum(result.probsAfter) - 1) < 1e-5);
  const lossOf = (p: Float32Array, label: number): number => -Math.log(p[label] ?? 0);
  assert.ok(lossOf(result.probsAfter, result.label) > lossOf(result.probsBefore, result.label), 'the attack raised the loss of its label');
  const given = await attackExample(session, { input: { example: 2 }, attack: 'fgsm', epsilon: 0.1, label: ((result.trueLabel ?? 0) + 1) % 3 });
  assert.equal(given.label, ((result.trueLabel ?? 0) + 1) % 3);
  const asTensor = await attackExample(session, { input: { tensor: result.input }, attack: 'fgsm', epsilon: 0.1 });
  const predicted = result.probsBefore.indexOf(Math.max(...result.probsBefore));
  assert.equal(asTensor.label, predicted, 'without a true label, the predicted class is attacked');
  assert.equal(asTensor.trueLabel, null);
  const target = (predicted + 1) % 3;
  const targeted = await attackExample(session, { input: { example: 2 }, attack: 'pgd', epsilon: 0.3, steps: 10, target });
  assert.equal(targeted.target, target);
  assert.ok((targeted.probsAfter[target] ?? 0) > (targeted.probsBefore[target] ?? 0), 'a targeted attack raises the target');
  await assert.rejects(attackExample(session, { input: { example: 2 }, attack: 'fgsm', epsilon: 0.1, target: 7 }), /target 7 is not a class/);
  assert.equal(tf.memory().numTensors, before, 'no tensors leak');
  cache.clear();
});

test('cpu: robustness through the handlers: stored in robustness.json, progress, transfer, cancel', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const dir = tempDir();
  const a = await writeRun(dir, 'tiny', MODEL, { seed: 11 });
  const b = await writeRun(dir, 'other', MODEL.replace('name: tiny', 'name: other'), { seed: 12 });
  const cache = cacheOf();
  const sessionA = await cache.open(a.runDir, undefined);
  const sessionB = await cache.open(b.runDir, undefined);
  const handlers = createAttackHandlers(cache);
  const progress: number[] = [];
  const context = { token: new CancellationToken(), progress: (done: number, total: number) => progress.push(done / total) };
  const result = await handlers.robustness({ sessionId: sessionA.id, attack: 'pgd', epsilons: [0, 0.1, 0.3], samples: 20, steps: 3 }, context);
  assert.equal(result.samples, 20);
  assert.equal(result.accuracy[0], result.cleanAccuracy);
  assert.equal(progress.at(-1), 1);
  assert.ok(existsSync(join(a.runDir, ROBUSTNESS_FILE)));
  assert.deepEqual(readRobustness(a.runDir)[0]?.accuracy, result.accuracy);
  const transfer = await handlers.robustness(
    { sessionId: sessionA.id, transferFromSessionId: sessionB.id, attack: 'fgsm', epsilons: [0, 0.3], samples: 500 }, context);
  assert.equal(transfer.transferFrom, b.runDir);
  assert.equal(transfer.samples, 30, 'at most the validation split');
  assert.equal(readRobustness(a.runDir).length, 2, 'white-box and transfer curves are kept side by side');
  const cancelled = new CancellationToken();
  cancelled.cancel();
  await assert.rejects(handlers.robustness({ sessionId: sessionA.id, attack: 'fgsm', epsilons: [0.1] }, { token: cancelled, progress: () => undefined }), CancelledError);
  await assert.rejects(robustnessOfRun(sessionA, { attack: 'fgsm', epsilons: [] }, undefined), /at least one ε/);
  cache.clear();
});

test('cpu: Grad-CAM of the attack\'s clean tensor equals that of its example; the adversarial tensor gets its own map', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'tiny', MODEL);
  const cache = cacheOf();
  try {
    const session = await cache.open(runDir, undefined);
    const attacked = await attackExample(session, { input: { example: 1 }, attack: 'fgsm', epsilon: 0.3 });
    const handlers = createExplainHandlers(cache);
    const explain = (input: AnalysisInput, classIndex: number) => handlers.explain(
      { sessionId: session.id, input, method: 'gradcam', classIndex }, { token: CancellationToken.none, progress: () => undefined });
    const [before, after] = gradCamClasses(attacked, 'label');
    assert.equal(before, attacked.label);
    assert.equal(after, attacked.label, 'the label choice explains one class on both inputs');
    const ofExample = await explain({ example: 1 }, before);
    // The attack took its clean prediction from its gradient's forward pass: the same as a forward pass of its own.
    ofExample.probs.forEach((p, i) => assert.ok(Math.abs(p - (attacked.probsBefore[i] ?? NaN)) < 1e-6, `class ${i}: ${p} vs ${attacked.probsBefore[i]}`));
    const ofTensor = await explain({ tensor: attacked.input }, before);
    const ofAdversarial = await explain({ tensor: attacked.adversarial }, after);
    assert.ok(ofTensor.layer !== null && ofTensor.layer === ofAdversarial.layer, 'both maps at the same layer');
    assert.deepEqual(ofTensor.upsampled.shape, [8, 8]);
    assert.deepEqual(Array.from(ofTensor.upsampled.data), Array.from(ofExample.upsampled.data), 'the clean tensor is the example');
    assert.deepEqual(Array.from(ofAdversarial.input.data), Array.from(attacked.adversarial.data), 'the adversarial tensor is explained as sent');
    const differs = ofAdversarial.upsampled.data.some((v, i) => Math.abs(v - (ofTensor.upsampled.data[i] ?? 0)) > 1e-6);
    assert.ok(differs, 'the perturbation changes the Grad-CAM map');
    const predicted = gradCamClasses(attacked, 'predicted');
    const argmax = (p: Float32Array): number => p.indexOf(Math.max(...p));
    assert.deepEqual(predicted, [argmax(attacked.probsBefore), argmax(attacked.probsAfter)], 'each map explains its own prediction');
  } finally {
    cache.clear();
  }
});
