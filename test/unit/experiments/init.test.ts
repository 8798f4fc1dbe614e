// init (transfer learning): the model check reads it and shows frozen layers; training copies the named layers'
// weights exactly, frozen weights do not change, a shape mismatch fails at the id's position, and a model file
// without a completed run is trained first.
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as tf from '@tensorflow/tfjs';
import { checkModel, layerHoverMarkdown } from '../../../runtime/language';
import { RUN_FILES } from '../../../runtime/runs';
import { readSavedWeights } from '../../../runtime/training/init-weights';
import { recordingTrainer, workspace } from '../training/helpers';

const SOURCE = `name: source
task: classification
input: [2]
data: { source: xor, samples: 80, noise: 0, validationSplit: 0.2 }
layers:
  - dense: { units: 8, activation: tanh, id: hidden }
  - dense: { units: 2, activation: softmax, id: out }
train: { epochs: 2, batchSize: 16, learningRate: 0.05, seed: 3 }
`;

function target(init: string, hiddenUnits = 8): string {
  return `name: target
task: classification
input: [2]
data: { source: xor, samples: 80, noise: 0.1, validationSplit: 0.2 }
init: ${init}
layers:
  - dense: { units: ${hiddenUnits}, activation: tanh, id: hidden }
  - dense: { units: 2, activation: softmax, id: head }
train: { epochs: 2, batchSize: 16, learningRate: 0.05, seed: 4 }
`;
}

test('the check shows frozen layers with 0 trainable parameters and reports unknown ids at their position', () => {
  const check = checkModel(target('{ from: source.model.yaml, layers: [hidden], freeze: true }'), 'target.model.yaml');
  assert.deepEqual(check.diagnostics, []);
  const [hidden, head] = check.layers;
  assert.equal(hidden?.frozen, true);
  assert.equal(hidden?.trainableParams, 0);
  assert.equal(hidden?.params, 2 * 8 + 8);
  assert.equal(head?.frozen, undefined);
  assert.equal(check.totals.trainableParams, 8 * 2 + 2);
  assert.match(layerHoverMarkdown(hidden ?? assert.fail()), /Frozen/);
  assert.deepEqual(check.spec?.init, { from: 'source.model.yaml', layers: ['hidden'], freeze: true });

  const text = target('{ from: source.model.yaml, layers: [hiden], freeze: [head, nope] }');
  const bad = checkModel(text, 'target.model.yaml');
  const lines = text.split('\n');
  const named = bad.diagnostics.map((d) => lines[d.range.start.line]?.slice(d.range.start.col, d.range.end.col));
  assert.deepEqual(named, ['hiden', 'nope']);
  assert.match(bad.diagnostics[0]?.message ?? '', /did you mean 'hidden'/);
  const missingFrom = checkModel(target('{ layers: [hidden] }'), 'target.model.yaml');
  assert.ok(missingFrom.diagnostics.some((d) => d.severity === 'error' && /'from' is required/.test(d.message)));
});

async function weightsOf(runDir: string): Promise<Map<string, Float32Array[]>> {
  const saved = readSavedWeights(join(runDir, RUN_FILES.model));
  const out = new Map<string, Float32Array[]>();
  for (const [id, weights] of saved) {
    out.set(id, await Promise.all(weights.map(async (w: { tensor: tf.Tensor }) => Float32Array.from(await w.tensor.data()))));
    for (const w of weights) w.tensor.dispose();
  }
  return out;
}

test('cpu: init copies the named layer exactly, frozen weights stay, the new head trains; a model file without a run is trained first', async () => {
  const ws = workspace();
  try {
    ws.modelFile('source', SOURCE);
    const file = ws.modelFile('target', target('{ from: source.model.yaml, layers: [hidden], freeze: true }'));
    const recorder = recordingTrainer(ws);
    const result = await recorder.run(file, target('{ from: source.model.yaml, layers: [hidden], freeze: true }'), 'cpu');
    assert.equal(result.status, 'completed', result.message);
    const runs = readdirSync(ws.runsDir).sort();
    assert.equal(runs.length, 2, 'the source was trained first, then the target');
    const sourceRun = join(ws.runsDir, runs.find((r) => r.endsWith('-source')) ?? assert.fail());
    assert.ok(recorder.messages.some((m) => m.type === 'log' && /training it first/.test(m.message)));
    assert.ok(recorder.messages.some((m) => m.type === 'log' && /init: copied hidden .*frozen: hidden/.test(m.message)));
    const source = await weightsOf(sourceRun);
    const trained = await weightsOf(result.runDir);
    assert.deepEqual(trained.get('hidden'), source.get('hidden'), 'the frozen layer holds the source weights after training');
    assert.equal(trained.get('head')?.length, 2);
    assert.notDeepEqual(trained.get('head'), source.get('out'));
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('cpu: without freeze the copied layer starts from the source and then trains; a shape mismatch fails at the id', async () => {
  const ws = workspace();
  try {
    const sourceFile = ws.modelFile('source', SOURCE);
    const recorder = recordingTrainer(ws);
    const sourceRun = await recorder.run(sourceFile, SOURCE, 'cpu');
    assert.equal(sourceRun.status, 'completed');
    const unfrozen = target(`{ from: ${readdirSync(ws.runsDir)[0] ?? ''} }`);
    // A run folder relative to the model file: the runs folder is ws.dir/.layerlens/runs.
    const unfrozenText = unfrozen.replace(/from: ([^ ]+) }/, 'from: .layerlens/runs/$1 }');
    const moved = await recorder.run(ws.modelFile('unfrozen', unfrozenText), unfrozenText, 'cpu');
    assert.equal(moved.status, 'completed', moved.message);
    const source = await weightsOf(sourceRun.runDir);
    const trained = await weightsOf(moved.runDir);
    assert.notDeepEqual(trained.get('hidden'), source.get('hidden'), 'an unfrozen copied layer keeps training');
    const initLog = recorder.messages.flatMap((m) => (m.type === 'log' && m.message.startsWith('init:') ? [m.message] : []));
    assert.match(initLog.join('\n'), /init: copied hidden from .*; frozen: none; skipped head: /);

    const mismatch = target('{ from: source.model.yaml, layers: [hidden] }', 6);
    const failed = await recorder.run(ws.modelFile('mismatch', mismatch), mismatch, 'cpu');
    assert.equal(failed.status, 'failed');
    const line = mismatch.split('\n').findIndex((l) => l.startsWith('init:'));
    const col = (mismatch.split('\n')[line] ?? '').indexOf('hidden]');
    assert.match(failed.message ?? '', new RegExp(`mismatch\\.model\\.yaml:${line + 1}:${col + 1}: init: layer 'hidden' has weights \\[2, 6\\], \\[6\\] here but \\[2, 8\\], \\[8\\]`));
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});
