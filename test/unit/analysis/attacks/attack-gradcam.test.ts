// The Adversarial view's Grad-CAM before | after: the runtime's `explain` takes the attack's tensors as they come back
// (`{ tensor }` inputs), explains them as it explains the validation example itself, and the adversarial map differs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRun, SessionCache } from '../../../../runtime/analysis';
import { attackExample } from '../../../../runtime/analysis/attacks';
import { createExplainHandlers } from '../../../../runtime/analysis/explain/handlers';
import { selectBackend } from '../../../../runtime/backends';
import { CancellationToken } from '../../../../runtime/ipc/cancellation';
import type { AnalysisInput } from '../../../../runtime/protocol';
import { gradCamClasses } from '../../../../webviews/inspector/ui/adversarial-gradcam';
import { tempDir, writeRun } from '../fixtures';

const MODEL = `name: tiny
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 60, validationSplit: 0.5 }
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: relu }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 5 }
`;

test('cpu: Grad-CAM of the attack\'s clean tensor equals that of its example; the adversarial tensor gets its own map', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'tiny', MODEL);
  const cache = new SessionCache((dir) => loadRun(dir, { assetsDir: '/nonexistent' }));
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
    const ofTensor = await explain({ tensor: attacked.input }, before);
    const ofAdversarial = await explain({ tensor: attacked.adversarial }, after);
    assert.equal(ofTensor.layer, 'c1');
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
