import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RuntimeInfo } from '../../../runtime/protocol';
import type { ExplainAnswer, MaximizeAnswer } from '../../../webviews/inspector/explain/explain-protocol';
import { openInspector, trainModelFile } from './helpers';

/** A small CNN ending in global average pooling → dense (so CAM applies), 240 MNIST digits, one epoch. */
const TINY_GAP = `name: tiny-gap
task: classification
input: [28, 28, 1]
data: { source: mnist, samples: 240, validationSplit: 0.25 }
layers:
  - conv2d: { filters: 4, kernel: 3, padding: same, activation: relu, id: c1 }
  - avgPool2d: { pool: 2, id: p1 }
  - conv2d: { filters: 6, kernel: 3, padding: same, activation: relu, id: conv2 }
  - globalAveragePooling2d: { id: gap }
  - dense: { units: 10, activation: softmax, id: out }
train: { epochs: 1, batchSize: 32, optimizer: adam, loss: categoricalCrossentropy, metrics: [accuracy], seed: 5 }
`;

/** The Inspector's own request path: boundary check, host handler, analysis runtime (see INSPECTOR_REQUEST_COMMAND). */
const inspectorRequest = <T>(method: string, params: unknown): Thenable<T> =>
  vscode.commands.executeCommand<T>('layerlens.test.inspectorRequest', method, params);

async function runtimeTensors(): Promise<number> {
  const info = await vscode.commands.executeCommand<RuntimeInfo | undefined>('layerlens.test.inspectorRuntimeInfo');
  assert.equal(typeof info?.tensors, 'number', 'the analysis runtime reports its live tensors');
  return info?.tensors ?? NaN;
}

const argmax = (values: Float32Array): number => values.indexOf(Math.max(...values));
const allFinite = (values: Float32Array): boolean => values.every(Number.isFinite);

suite('explain', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Inspector explains a trained run through the analysis runtime: shapes, class, pre-softmax logits, Grad-CAM ∝ CAM, no leak', async () => {
    const { uri, result: { runDir } } = await trainModelFile('tiny-gap.model.yaml', TINY_GAP);
    await openInspector(uri);

    const base = { runDir, epoch: null, input: { kind: 'example', index: 1 } };
    const explainAll = async () => ({
      gradcam: await inspectorRequest<ExplainAnswer>('explain', { ...base, method: 'gradcam', layerId: 'conv2' }),
      cam: await inspectorRequest<ExplainAnswer>('explain', { ...base, method: 'cam' }),
      saliency: await inspectorRequest<ExplainAnswer>('explain', { ...base, method: 'saliency' }),
    });
    const first = await explainAll();
    const { gradcam, cam, saliency } = first;

    assert.deepEqual(gradcam.input.shape, [28, 28, 1], 'input HWC');
    assert.equal(gradcam.layer, 'conv2');
    assert.deepEqual(gradcam.map.shape, [14, 14], 'Grad-CAM at conv2\'s resolution');
    assert.deepEqual(gradcam.upsampled.shape, [28, 28], 'upsampled to the input');
    assert.deepEqual(saliency.map.shape, [28, 28, 1], 'input-space map keeps the channel');
    for (const answer of [gradcam, cam, saliency]) {
      assert.ok(allFinite(answer.map.data) && allFinite(answer.upsampled.data) && allFinite(answer.logits), `${answer.method}: finite values`);
      assert.equal(answer.classIndex, argmax(answer.logits), `${answer.method}: the class defaults to the predicted one`);
    }
    // Logits are pre-softmax: their softmax is the model's output.
    const exps = Array.from(gradcam.logits, (v) => Math.exp(v - Math.max(...gradcam.logits)));
    const total = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, i) => assert.ok(Math.abs(e / total - (gradcam.probs[i] ?? NaN)) < 1e-5, `softmax(logits)[${i}] = probs[${i}]`));
    // For GAP → dense, Grad-CAM = ReLU(CAM) / (h·w).
    assert.deepEqual(cam.map.shape, [14, 14]);
    const scale = Math.max(...cam.map.data.map(Math.abs)) || 1;
    gradcam.map.data.forEach((v, i) => {
      const expected = Math.max(cam.map.data[i] ?? NaN, 0) / (14 * 14);
      assert.ok(Math.abs(v - expected) <= 1e-4 * scale, `Grad-CAM[${i}] = ${v}, ReLU(CAM)/196 = ${expected}`);
    });
    assert.ok(saliency.map.data.every((v) => v >= 0), 'saliency is a magnitude');

    // Activation maximization, seeded: the same seed replays the same image; the objective rises.
    const maximize = (seed: number) => inspectorRequest<MaximizeAnswer>('maximize', { runDir, epoch: null, target: { classIndex: 3 }, steps: 12, seed });
    const ascent = await maximize(4);
    assert.deepEqual(ascent.image.shape, [28, 28, 1]);
    assert.equal(ascent.score.length, 12);
    assert.equal(ascent.snapshots.at(-1)?.step, 12, 'the last step is among the snapshots');
    assert.ok((ascent.score.at(-1) ?? -Infinity) > (ascent.score[0] ?? Infinity), `the logit rises: ${ascent.score[0]} → ${ascent.score.at(-1)}`);
    assert.deepEqual(Array.from((await maximize(4)).image.data), Array.from(ascent.image.data), 'same seed, same image');

    // The boundary refuses what the page could not send, before the runtime is asked.
    await assert.rejects(Promise.resolve(inspectorRequest('explain', { ...base, method: 'gradcam++' })), /malformed explain params/);
    await assert.rejects(Promise.resolve(inspectorRequest('explain', { ...base, method: 'gradcam', layerId: 'nope' })), /nope/);

    // No tensors leak in the runtime: a second round of the same requests leaves its tensor count where it was.
    const before = await runtimeTensors();
    const second = await explainAll();
    await maximize(5);
    assert.deepEqual(Array.from(second.gradcam.map.data), Array.from(gradcam.map.data), 'the same request gives the same map');
    assert.equal(await runtimeTensors(), before, 'tensors alive in the analysis runtime before and after');
  });
});
