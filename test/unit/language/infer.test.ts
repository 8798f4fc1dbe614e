// Shape inference, parameter counts, MACs and receptive fields against hand-checked Keras arithmetic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModel, convOutputLength, deconvOutputLength, type LayerInfo } from '../../../runtime/language/index';

/** Checks a YAML model built from `input` and layer lines; fails on any error. */
function layersOf(input: string, layerLines: string[], task = 'regression'): LayerInfo[] {
  const text = [`task: ${task}`, `input: ${input}`, 'layers:', ...layerLines.map((l) => `  - ${l}`)].join('\n');
  const check = checkModel(text, 'test.model.yaml');
  const errors = check.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  assert.deepEqual(errors, [], `unexpected errors for:\n${text}`);
  return [...check.layers];
}

test('conv2d valid and same with odd sizes and stride 2', () => {
  // valid: floor((7 − 3) / 2) + 1 = 3; same: ceil(7 / 2) = 4
  assert.deepEqual(layersOf('[7, 7, 3]', ['conv2d: { filters: 4, kernel: 3, stride: 2 }', 'flatten'])[0]?.outputShape, [3, 3, 4]);
  assert.deepEqual(layersOf('[7, 7, 3]', ['conv2d: { filters: 4, kernel: 3, stride: 2, padding: same }', 'flatten'])[0]?.outputShape, [4, 4, 4]);
  // [h, w] kernels and strides: h floor((9 − 5) / 2) + 1 = 3, w floor((8 − 1) / 3) + 1 = 3
  assert.deepEqual(layersOf('[9, 8, 1]', ['conv2d: { filters: 2, kernel: [5, 1], stride: [2, 3] }', 'flatten'])[0]?.outputShape, [3, 3, 2]);
  assert.equal(convOutputLength(8, 3, 2, 'same'), 4);
  assert.equal(convOutputLength(8, 3, 2, 'valid'), 3);
});

test('dilated conv2d uses the effective kernel (k − 1)·d + 1', () => {
  // k_eff = (3 − 1)·2 + 1 = 5: 9 − 5 + 1 = 5
  const [conv] = layersOf('[9, 9, 2]', ['conv2d: { filters: 3, kernel: 3, dilation: 2 }', 'flatten']);
  assert.deepEqual(conv?.outputShape, [5, 5, 3]);
  assert.deepEqual(conv?.receptiveField, { size: [5, 5], jump: [1, 1] });
  assert.deepEqual(layersOf('[9, 9, 2]', ['conv2d: { filters: 3, kernel: 3, dilation: 2, padding: same }', 'flatten'])[0]?.outputShape, [9, 9, 3]);
});

test('conv2dTranspose: valid (n − 1)·s + k, same n·s, Keras params', () => {
  const [valid] = layersOf('[5, 5, 32]', ['conv2dTranspose: { filters: 16, kernel: 3, stride: 2 }', 'flatten']);
  assert.deepEqual(valid?.outputShape, [11, 11, 16]);
  assert.equal(valid?.params, 3 * 3 * 16 * 32 + 16);
  assert.equal(valid?.paramFormula, '3·3·16·32 + 16 = 4,624');
  assert.equal(valid?.macs, 5 * 5 * 3 * 3 * 32 * 16);
  const [same] = layersOf('[5, 5, 32]', ['conv2dTranspose: { filters: 16, kernel: 2, stride: 2, padding: same }', 'flatten']);
  assert.deepEqual(same?.outputShape, [10, 10, 16]);
  assert.equal(same?.params, 2064);
  // Keras: n·s + max(k − s, 0) when the kernel is smaller than the stride.
  assert.equal(deconvOutputLength(5, 1, 2, 'valid'), 10);
});

test('pooling with stride different from pool, and the default stride = pool', () => {
  // floor((7 − 3) / 2) + 1 = 3; same: ceil(7 / 2) = 4; pool 2 stride 1: 5 − 2 + 1 = 4; default stride: floor((7 − 2) / 2) + 1 = 3
  assert.deepEqual(layersOf('[7, 7, 2]', ['maxPool2d: { pool: 3, stride: 2 }', 'flatten'])[0]?.outputShape, [3, 3, 2]);
  assert.deepEqual(layersOf('[7, 7, 2]', ['maxPool2d: { pool: 3, stride: 2, padding: same }', 'flatten'])[0]?.outputShape, [4, 4, 2]);
  assert.deepEqual(layersOf('[5, 5, 2]', ['avgPool2d: { pool: 2, stride: 1 }', 'flatten'])[0]?.outputShape, [4, 4, 2]);
  const [pool] = layersOf('[7, 7, 2]', ['avgPool2d: { pool: 2 }', 'flatten']);
  assert.deepEqual(pool?.outputShape, [3, 3, 2]);
  assert.equal(pool?.params, 0);
  assert.deepEqual(pool?.receptiveField, { size: [2, 2], jump: [2, 2] });
});

test('concatenate on channels and on another axis', () => {
  const channels = layersOf('[8, 8, 3]', [
    'conv2d: { filters: 5, kernel: 1, id: a }', 'conv2d: { filters: 2, kernel: 3, padding: same, from: input, id: b }',
    'concatenate: { from: [a, b] }', 'flatten',
  ]);
  assert.deepEqual(channels[2]?.outputShape, [8, 8, 7]);
  assert.deepEqual(channels[2]?.inputShapes, [[8, 8, 5], [8, 8, 2]]);
  const height = layersOf('[4, 8, 3]', ['maxPool2d: { pool: [2, 1], id: half }', 'concatenate: { from: [input, half], axis: 1 }', 'flatten']);
  assert.deepEqual(height[1]?.outputShape, [6, 8, 3]);
});

test('multiply and add broadcast size-1 dimensions as in Keras', () => {
  const se = layersOf('[14, 14, 32]', [
    'globalAveragePooling2d', 'reshape: { shape: [1, 1, 32], id: w }', 'multiply: { from: [input, w] }', 'flatten',
  ]);
  assert.deepEqual(se[2]?.outputShape, [14, 14, 32]);
  const add = layersOf('[4, 4, 3]', ['globalMaxPooling2d: { id: g }', 'add: { from: [input, g] }', 'flatten']);
  assert.deepEqual(add[1]?.outputShape, [4, 4, 3]);
});

test('parameters include bias; batchNormalization has 4·C params, 2·C trainable', () => {
  const layers = layersOf('[10, 10, 8]', [
    'conv2d: { filters: 16, kernel: 3 }', 'conv2d: { filters: 16, kernel: 3, useBias: false }', 'batchNormalization',
    'flatten', 'dense: { units: 84 }', 'dense: { units: 10, useBias: false }',
  ]);
  assert.equal(layers[0]?.params, 1168);
  assert.equal(layers[0]?.paramFormula, '3·3·8·16 + 16 = 1,168');
  assert.equal(layers[1]?.params, 3 * 3 * 16 * 16, 'no bias');
  assert.equal(layers[1]?.paramFormula, '3·3·16·16 = 2,304');
  assert.equal(layers[2]?.params, 64);
  assert.equal(layers[2]?.trainableParams, 32);
  // 6·6·16 = 576 inputs to the first dense layer
  assert.equal(layers[4]?.params, 576 * 84 + 84);
  assert.equal(layers[5]?.params, 840);
  const check = checkModel(['task: regression', 'input: [4, 4, 2]', 'layers:', '  - batchNormalization', '  - flatten', '  - dense: { units: 1 }'].join('\n'), 'm.model.yaml');
  assert.deepEqual(check.totals, { params: 8 + 33, trainableParams: 4 + 33, nonTrainableParams: 4, macs: 32 });
});

test('MACs of conv2d and of dense on a rank-3 input (last axis only)', () => {
  const [conv] = layersOf('[5, 5, 3]', ['conv2d: { filters: 4, kernel: 3 }', 'flatten']);
  assert.equal(conv?.macs, 3 * 3 * (3 * 3 * 3 * 4), 'output pixels × kernel × channels in × filters');
  const [dense] = layersOf('[7, 7, 32]', ['dense: { units: 10 }', 'flatten']);
  assert.deepEqual(dense?.outputShape, [7, 7, 10]);
  assert.equal(dense?.params, 330);
  assert.equal(dense?.macs, 7 * 7 * 32 * 10);
});

test('receptive field size and jump through strides, dilation and merges', () => {
  const layers = layersOf('[32, 32, 1]', [
    'conv2d: { filters: 2, kernel: 3, stride: 2, padding: same, id: a }',
    'conv2d: { filters: 2, kernel: 3, padding: same, id: b }',
    'conv2d: { filters: 2, kernel: 1, from: a, id: c }',
    'add: { from: [b, c] }',
    'upSampling2d: { size: 2 }',
    'flatten',
  ]);
  assert.deepEqual(layers[0]?.receptiveField, { size: [3, 3], jump: [2, 2] });
  assert.deepEqual(layers[1]?.receptiveField, { size: [7, 7], jump: [2, 2] });
  assert.deepEqual(layers[2]?.receptiveField, { size: [3, 3], jump: [2, 2] });
  assert.deepEqual(layers[3]?.receptiveField, { size: [7, 7], jump: [2, 2] }, 'merges take the maximum');
  assert.deepEqual(layers[4]?.receptiveField, { size: [7, 7], jump: [1, 1] });
  assert.equal(layersOf('[4]', ['dense: { units: 1 }'])[0]?.receptiveField, null, 'no receptive field without an image input');
});

test('reshape with -1, zeroPadding2d forms, upSampling2d, flatten and global pooling', () => {
  assert.deepEqual(layersOf('[4, 4, 2]', ['reshape: { shape: [-1, 8] }', 'flatten'])[0]?.outputShape, [4, 8]);
  assert.deepEqual(layersOf('[5, 5, 1]', ['zeroPadding2d: { padding: [[1, 2], [3, 4]] }', 'flatten'])[0]?.outputShape, [8, 12, 1]);
  assert.deepEqual(layersOf('[5, 5, 1]', ['zeroPadding2d: { padding: [1, 2] }', 'flatten'])[0]?.outputShape, [7, 9, 1]);
  assert.deepEqual(layersOf('[5, 5, 1]', ['zeroPadding2d', 'flatten'])[0]?.outputShape, [7, 7, 1]);
  assert.deepEqual(layersOf('[3, 5, 2]', ['upSampling2d: { size: [2, 3] }', 'flatten'])[0]?.outputShape, [6, 15, 2]);
  assert.deepEqual(layersOf('[3, 5, 2]', ['flatten'])[0]?.outputShape, [30]);
  assert.deepEqual(layersOf('[3, 5, 2]', ['globalAveragePooling2d'])[0]?.outputShape, [2]);
});
