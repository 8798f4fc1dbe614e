// LayerGraph: the eager layer-by-layer runner every analysis uses agrees with the tf.LayersModel it was built
// from, keeps dropout off, gives pre-softmax logits, lets a layer's output be replaced, and leaks nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { LayerGraph } from '../../../runtime/analysis/layer-graph';
import { selectBackend } from '../../../runtime/backends';
import { buildModel, checkText } from '../../../runtime/training';

const MODEL = `name: branchy
task: classification
input: [8, 8, 2]
layers:
  - conv2d: { id: c1, filters: 4, kernel: 3, padding: same, activation: leakyRelu }
  - batchNormalization: { id: bn }
  - conv2d: { id: c2, filters: 4, kernel: 3, padding: same, activation: relu }
  - add: { id: sum, from: [bn, c2] }
  - dropout: { id: drop, rate: 0.5 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
`;

function graphOf(text: string): LayerGraph {
  const checked = checkText(text, 'branchy.model.yaml');
  if (checked.type !== 'ok') throw new Error(checked.message);
  return new LayerGraph(checked.spec, buildModel(checked.spec, 7));
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? NaN);

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: every layer's output equals the LayersModel's, dropout stays off, logits are pre-softmax`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const graph = graphOf(MODEL);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 3);
      const run = graph.run(x);
      const ids = graph.built.layers.map((l) => l.id);
      const reference = graph.built.model.predict(x) as tf.Tensor;
      assert.ok(maxAbsDiff(run.output, reference) < 1e-5);
      const internal = tf.model({ inputs: graph.built.model.inputs, outputs: graph.built.layers.map((l) => l.output) });
      const expected = internal.predict(x) as tf.Tensor[];
      ids.forEach((id, i) => assert.ok(maxAbsDiff(run.outputs.get(id) as tf.Tensor, expected[i] as tf.Tensor) < 1e-5, id));
      // Inference mode: dropout passes its input through unchanged.
      assert.equal(maxAbsDiff(run.outputs.get('drop') as tf.Tensor, run.outputs.get('sum') as tf.Tensor), 0);
      assert.ok(maxAbsDiff(tf.softmax(run.logits), run.output) < 1e-6);
      assert.ok(maxAbsDiff(run.logits, run.output) > 1e-3, 'logits differ from probabilities');
    });
    const replacedGradient = tf.tidy(() => {
      const x = tf.randomNormal([1, 8, 8, 2], 0, 1, 'float32', 4);
      const a = graph.run(x).outputs.get('c2') as tf.Tensor;
      // d logit_0 / d c2 through the replacement: non-zero, and the forward value is unchanged by replacing.
      const g = tf.grad((c2: tf.Tensor) => tf.sum(tf.slice(graph.run(x, { replace: new Map([['c2', c2]]) }).logits, [0, 0], [1, 1])))(a);
      return tf.sum(tf.abs(g)).dataSync()[0] ?? 0;
    });
    assert.ok(replacedGradient > 0);
    graph.dispose(); // frees the logits twin's weight copies
    assert.equal(tf.memory().numTensors, before, 'no tensors leak');
    graph.built.model.dispose();
  });
}
