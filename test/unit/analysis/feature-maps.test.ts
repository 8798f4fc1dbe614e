// Feature maps of an opened run: every layer equals model.execute of that layer, dropout stays off, validation
// example N is the same example in every session, epochs switch weights, inputs are checked, nothing leaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { AnalysisSession, examples, featureMaps, loadRun, resolveInput } from '../../../runtime/analysis';
import { selectBackend } from '../../../runtime/backends';
import { TESTED_BACKENDS, valuesOf } from '../backends/helpers';
import { maxAbsDiff, referenceOutputs, tempDir, writeRun } from './fixtures';

const MODEL = `name: branchy
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 60, validationSplit: 0.25 }
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: leakyRelu }
  - batchNormalization: { id: bn }
  - conv2d: { id: c2, filters: 4, kernel: 3, padding: same, activation: relu }
  - add: { id: sum, from: [bn, c2] }
  - dropout: { id: drop, rate: 0.5 }
  - maxPool2d: { id: pool, pool: 2 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 5 }
`;

async function open(runDir: string, epoch?: number): Promise<AnalysisSession> {
  return AnalysisSession.open('test', await loadRun(runDir, { assetsDir: '/nonexistent', ...(epoch !== undefined ? { epoch } : {}) }));
}

// cpu and wasm always; webgpu too when LAYERLENS_TEST_WEBGPU=1 (all reads here are async, as webgpu needs in Node).
for (const backend of TESTED_BACKENDS) {
  test(`${backend}: each layer's feature maps equal model.execute of that layer; dropout does not fire; no leaks`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const { runDir } = await writeRun(tempDir(), 'branchy', MODEL, { checkpoints: [1, 2] });
    const before = tf.memory().numTensors;
    const session = await open(runDir);
    assert.deepEqual(session.describe().layers.map((l) => l.id), ['c1', 'bn', 'c2', 'sum', 'drop', 'pool', 'flatten_1', 'out']);
    assert.deepEqual(session.describe().epochs, [1, 2]);
    assert.equal(session.describe().epoch, null);
    assert.deepEqual(session.clipRange, [0, 1]);
    const ids = session.layerIds;
    await featureMaps(session, ['out'], { example: 0 }); // the first run creates the logits twin's weight copies
    const during = tf.memory().numTensors;
    const result = await featureMaps(session, ids, { example: 3 });
    assert.equal(tf.memory().numTensors, during, 'featureMaps leaves no tensors behind');

    const expected = await valuesOf(() => referenceOutputs(session.graph.built.model, session.graph.built.layers,
      session.dataset.validation.xs.slice(3, 1)));
    ids.forEach((id, i) => {
      const layer = result.layers[i];
      assert.equal(layer?.id, id);
      assert.deepEqual(layer.shape, session.describe().layers[i]?.outputShape, `${id} shape`);
      assert.ok(layer.data instanceof Float32Array);
      assert.ok(maxAbsDiff(layer.data, expected[i] ?? []) < 1e-5, `${id} equals model.execute`);
    });
    const byId = new Map(result.layers.map((l) => [l.id, l.data]));
    assert.equal(maxAbsDiff(byId.get('drop') as Float32Array, byId.get('sum') as Float32Array), 0, 'dropout passes its input through');
    assert.ok(maxAbsDiff(result.probs, expected[ids.length - 1] ?? []) < 1e-6);
    assert.ok(Math.abs(result.probs.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    // The input is exactly validation example 3, and its true label comes along.
    assert.deepEqual(result.input.shape, [8, 8, 1]);
    const [input, label] = await valuesOf(() => [session.dataset.validation.xs.slice(3, 1), tf.argMax(session.dataset.validation.ys.slice(3, 1), -1)]);
    assert.deepEqual(Array.from(result.input.data), input);
    assert.equal(result.label, label?.[0]);

    // The same tensor given as-is gives the same maps, and no label.
    const again = await featureMaps(session, ['c2'], { tensor: result.input });
    assert.deepEqual(again.layers[0]?.data, byId.get('c2'));
    assert.equal(again.label, null);

    // A second session of the same run picks the same validation example 3.
    const other = await open(runDir);
    const otherInput = await resolveInput(other, { example: 3 });
    otherInput.x.dispose();
    assert.deepEqual(otherInput.tensor.data, result.input.data);
    other.dispose();

    // Epoch switches load the checkpoint's weights into the same model.
    session.switchEpoch(1);
    assert.equal(session.epoch, 1);
    const epoch1 = await featureMaps(session, ['c1'], { example: 3 });
    const fresh = await open(runDir, 1);
    const fresh1 = await featureMaps(fresh, ['c1'], { example: 3 });
    fresh.dispose();
    assert.deepEqual(epoch1.layers[0]?.data, fresh1.layers[0]?.data);
    assert.ok(maxAbsDiff(epoch1.layers[0]?.data ?? [], byId.get('c1') ?? []) > 1e-3, 'other weights, other maps');
    session.switchEpoch(undefined);
    assert.deepEqual((await featureMaps(session, ['c1'], { example: 3 })).layers[0]?.data, byId.get('c1'));

    const page = await examples(session, { start: 2, count: 4 });
    assert.equal(page.total, session.dataset.validation.size);
    assert.deepEqual(page.examples.map((e) => e.index), [2, 3, 4, 5]);
    const three = page.examples[1];
    assert.equal(three?.label, result.label);
    assert.equal(three?.predicted, result.probs.indexOf(Math.max(...result.probs)));
    assert.ok(Math.abs((three?.confidence ?? 0) - Math.max(...result.probs)) < 1e-6);
    assert.deepEqual(three?.input.data, result.input.data);
    const wrong = await examples(session, { start: 0, count: 256, misclassifiedOnly: true });
    assert.ok(wrong.examples.every((e) => e.label !== e.predicted));
    const all = await examples(session, { start: 0, count: 256 });
    assert.equal(wrong.total, all.examples.filter((e) => e.label !== e.predicted).length);

    session.dispose();
    assert.equal(tf.memory().numTensors, before, 'disposing the session frees its model, data and logits twin');
  });
}

test('inputs and layer ids are checked with one clear line', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'branchy', MODEL);
  const session = await open(runDir);
  const before = tf.memory().numTensors;
  await assert.rejects(featureMaps(session, ['nope'], { example: 0 }), /^Error: unknown layer 'nope'; the model's layers are c1, bn, c2/);
  await assert.rejects(featureMaps(session, ['c1'], { tensor: { shape: [8, 8], data: new Float32Array(64) } }),
    { message: "input shape [8, 8] does not match the model's input [8, 8, 1]" });
  await assert.rejects(featureMaps(session, ['c1'], { tensor: { shape: [8, 8, 1], data: new Float32Array(5) } }),
    { message: 'input data holds 5 values, but shape [8, 8, 1] needs 64' });
  await assert.rejects(featureMaps(session, ['c1'], { example: 15 }), { message: 'example 15 is out of range: the run has 15 validation examples (0 to 14)' });
  await assert.rejects(examples(session, { start: 0, count: 1000 }), /count must be a whole number from 0 to 256/);
  assert.equal(tf.memory().numTensors, before, 'failed requests leak nothing');
  session.dispose();
  await assert.rejects(featureMaps(session, ['c1'], { example: 0 }), /was closed; open the run again/);
});
