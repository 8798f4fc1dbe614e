// buildModel: TensorFlow.js agrees with the model language's shape inference for every layer type and graph form,
// layers carry their spec ids, and nothing leaks.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import { checkModel, type LayerInfo } from '../../../runtime/language';
import { assertShapesMatch, buildModel, checkText } from '../../../runtime/training';

const GRAPHS: Readonly<Record<string, string>> = {
  'residual add, multiply and concatenate': `name: residual
task: classification
input: [12, 12, 3]
layers:
  - conv2d: { id: stem, filters: 8, kernel: 3, padding: same, activation: relu }
  - conv2d: { id: branch, filters: 8, kernel: 3, padding: same, activation: leakyRelu }
  - batchNormalization
  - add: { id: sum, from: [stem, batch_normalization_1] }
  - conv2d: { id: gate, from: [stem], filters: 8, kernel: 1, activation: sigmoid }
  - multiply: { id: gated, from: [sum, gate] }
  - concatenate: { id: joined, from: [gated, stem], axis: -1 }
  - maxPool2d: { pool: 2 }
  - avgPool2d: { pool: 3, stride: 2, padding: same }
  - globalAveragePooling2d
  - dropout: { rate: 0.25 }
  - dense: { units: 4, activation: softmax }
`,
  'encoder-decoder with conv2dTranspose, upsampling and padding': `name: unet
task: segmentation
input: [16, 16, 1]
layers:
  - conv2d: { id: down, filters: 4, kernel: 3, stride: 2, padding: same, activation: elu }
  - zeroPadding2d: { padding: [[2, 2], [1, 3]] }
  - conv2d: { filters: 4, kernel: 3, dilation: 2, activation: tanh }
  - conv2dTranspose: { id: up, filters: 4, kernel: 2, stride: 2, padding: same, activation: relu }
  - upSampling2d: { id: big, size: 2 }
  - maxPool2d: { pool: 2 }
  - activation: { fn: leakyRelu, alpha: 0.1 }
  - conv2d: { filters: 1, kernel: 1, activation: sigmoid }
`,
  'dense with reshape, flatten and global max pooling': `name: reshaped
task: regression
input: [24]
layers:
  - dense: { units: 32, activation: relu }
  - reshape: { shape: [4, -1, 2] }
  - globalMaxPooling2d
  - dense: { units: 6, useBias: false }
  - reshape: { shape: [2, 3] }
  - flatten
  - activation: { fn: elu, alpha: 2 }
  - dense: { units: 1 }
`,
};

function buildAndCompare(text: string, fileName: string): void {
  const checked = checkText(text, fileName);
  if (checked.type === 'error') assert.fail(checked.message);
  const built = buildModel(checked.spec, 7);
  try {
    assertShapesMatch(built, checked.check.layers);
    assert.deepEqual(built.layers.map((l) => l.id), checked.spec.layers.map((l) => l.id));
    for (const layer of built.layers) assert.equal(layer.layer.name, layer.id);
    const last = checked.check.layers.at(-1);
    assert.deepEqual(built.model.outputs[0]?.shape.slice(1), last?.outputShape);
  } finally {
    built.model.dispose();
  }
}

for (const [name, text] of Object.entries(GRAPHS)) {
  test(`tfjs shapes equal the inferred shapes: ${name}`, async () => {
    await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
    const baseline = tf.memory().numTensors;
    buildAndCompare(text, `${name}.model.yaml`);
    assert.equal(tf.memory().numTensors, baseline, 'building and disposing a model leaks nothing');
  });
}

test('tfjs shapes equal the inferred shapes for every sample model file', async (t) => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  // Tests run from the repository root. A missing or empty samples/ is a failure, never a skip: a wrong working
  // directory must not turn this check into a silent pass.
  const samplesDir = join(process.cwd(), 'samples');
  assert.ok(existsSync(samplesDir), `samples/ not found in ${process.cwd()}; run the tests from the repository root`);
  const files = readdirSync(samplesDir).filter((f) => /\.model\.(ya?ml|json)$/.test(f));
  assert.ok(files.length >= 8, `expected the 8 sample models in ${samplesDir}, found ${files.length}`);
  for (const file of files) buildAndCompare(readFileSync(join(samplesDir, file), 'utf8'), file);
  t.diagnostic(`${files.length} sample(s): ${files.join(', ')}`);
});

test('a layer whose output reaches nothing is built but not kept, and leaks no weights', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const baseline = tf.memory().numTensors;
  const text = `name: dangling
task: regression
input: [4]
layers:
  - dense: { id: a, units: 3 }
  - dense: { id: unused, from: [a], units: 5 }
  - dense: { from: [a], units: 1 }
`;
  const checked = checkText(text, 'dangling.model.yaml');
  if (checked.type === 'error') assert.fail(checked.message);
  const built = buildModel(checked.spec, 1);
  assert.deepEqual(built.layers.map((l) => [l.id, l.inModel]), [['a', true], ['unused', false], ['dense_1', true]]);
  assertShapesMatch(built, checked.check.layers);
  built.model.dispose();
  assert.equal(tf.memory().numTensors, baseline);
});

test('activation layers apply alpha: leakyRelu slope and elu scale', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const text = `name: acts
task: regression
input: [1]
layers:
  - activation: { id: leaky, fn: leakyRelu, alpha: 0.1 }
  - activation: { id: scaled, from: [input], fn: elu, alpha: 2 }
  - concatenate: { from: [leaky, scaled] }
`;
  const checked = checkText(text, 'acts.model.yaml');
  if (checked.type === 'error') assert.fail(checked.message);
  const built = buildModel(checked.spec, 1);
  const output = tf.tidy(() => built.model.predict(tf.tensor2d([[-1]])) as tf.Tensor);
  const [leaky = 0, elu = 0] = Array.from(await output.data());
  output.dispose();
  built.model.dispose();
  assert.ok(Math.abs(leaky - -0.1) < 1e-6, `leakyRelu(-1) = ${leaky}`);
  assert.ok(Math.abs(elu - 2 * (Math.exp(-1) - 1)) < 1e-6, `elu(-1) = ${elu}`);
});

test('the same seed gives the same initial weights; another seed does not', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const checked = checkText(GRAPHS['dense with reshape, flatten and global max pooling'] ?? '', 'r.model.yaml');
  if (checked.type === 'error') assert.fail(checked.message);
  const weightsFor = async (seed: number): Promise<number[]> => {
    const built = buildModel(checked.spec, seed);
    const values = await Promise.all(built.model.getWeights().map(async (w) => Array.from(await w.data())));
    built.model.dispose();
    return values.flat();
  };
  assert.deepEqual(await weightsFor(3), await weightsFor(3));
  assert.notDeepEqual(await weightsFor(3), await weightsFor(4));
});

test('a disagreement with shape inference names the layer', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const text = 'name: m\ntask: regression\ninput: [3]\nlayers:\n  - dense: { id: hidden, units: 5 }\n  - dense: { units: 1 }\n';
  const check = checkModel(text, 'm.model.yaml');
  if (!check.spec) assert.fail('model should check');
  const built = buildModel(check.spec, 1);
  const wrong: LayerInfo[] = check.layers.map((l) => (l.id === 'hidden' ? { ...l, outputShape: [6] } : l));
  try {
    assert.throws(() => assertShapesMatch(built, wrong), /layer 'hidden' \(line 5\): TensorFlow\.js builds output \[5\] but the model check inferred \[6\]/);
  } finally {
    built.model.dispose();
  }
});
