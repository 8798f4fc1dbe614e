// How a run's spec differs from the model file now: scalar settings, data settings and layers matched by type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeSpecDiff, matchByType, specChanges, summariseChanges, UNREADABLE_SPEC } from '../../../extension/training-panel/spec-diff';
import { checkModel, type ModelSpec } from '../../../runtime/language';

const XOR = `name: mlp-xor
task: classification
input: [2]
data: { source: xor, samples: 400, noise: 0.1, validationSplit: 0.2 }
layers:
  - dense: { units: 8, activation: tanh, id: hidden }
  - dense: { units: 1, activation: sigmoid, id: output }
train: { epochs: 40, batchSize: 16, optimizer: adam, learningRate: 0.001, loss: binaryCrossentropy, metrics: [accuracy], seed: 1 }
`;

function spec(text: string): ModelSpec {
  const checked = checkModel(text, 'mlp-xor.model.yaml');
  assert.ok(checked.spec, checked.diagnostics.map((d) => d.message).join('; '));
  return checked.spec;
}

test('identical specs have no changes and an empty legend suffix', () => {
  assert.deepEqual(specChanges(spec(XOR), spec(XOR)), []);
  assert.equal(describeSpecDiff(XOR, XOR, 'mlp-xor.model.yaml'), '');
});

test('a changed learning rate and an inserted dropout read "learningRate 0.001 → 0.01, +dropout"', () => {
  const run = XOR.replace('learningRate: 0.001', 'learningRate: 0.01')
    .replace('  - dense: { units: 1', '  - dropout: { rate: 0.2 }\n  - dense: { units: 1');
  assert.equal(describeSpecDiff(XOR, run, 'mlp-xor.model.yaml'), 'learningRate 0.001 → 0.01, +dropout');
});

test('a layer the run lacked is "-type"; changed layer parameters are named by layer id', () => {
  const current = XOR.replace('  - dense: { units: 1', '  - dropout: { rate: 0.5 }\n  - dense: { units: 1');
  const run = XOR.replace('units: 8, activation: tanh', 'units: 16, activation: relu');
  assert.deepEqual(specChanges(spec(current), spec(run)), ['hidden.units 8 → 16', 'hidden.activation tanh → relu', '-dropout']);
});

test('data, input and train settings are all compared', () => {
  const run = XOR.replace('samples: 400', 'samples: 800').replace('epochs: 40', 'epochs: 10').replace('optimizer: adam', 'optimizer: sgd');
  assert.deepEqual(specChanges(spec(XOR), spec(run)), ['epochs 40 → 10', 'optimizer adam → sgd', 'data.samples 400 → 800']);
});

test('the legend shows at most four changes, then how many more', () => {
  assert.equal(summariseChanges(['a', 'b', 'c', 'd', 'e', 'f']), 'a, b, c, d, +2 more');
  assert.equal(summariseChanges(['a', 'b']), 'a, b');
});

test('a run snapshot that no longer checks is reported instead of diffed', () => {
  assert.equal(describeSpecDiff(XOR, 'name: x\nlayers: [', 'mlp-xor.model.yaml'), UNREADABLE_SPEC);
});

test('layers are matched by the longest common subsequence of their types', () => {
  assert.deepEqual(matchByType(['conv2d', 'pool', 'dense'], ['conv2d', 'dropout', 'pool', 'dense']), [[0, 0], [1, 2], [2, 3]]);
  assert.deepEqual(matchByType([], ['dense']), []);
});

test('every sample model has no changes against itself', () => {
  // Tests run from the repository root (npm test and the documented one-file command).
  const samples = 'samples';
  for (const name of ['mlp-xor.model.yaml', 'lenet.model.yaml', 'resnet-block.model.yaml']) {
    const text = readFileSync(join(samples, name), 'utf8');
    assert.equal(describeSpecDiff(text, text, name), '', name);
  }
});
