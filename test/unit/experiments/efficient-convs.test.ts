// depthwiseConv2d and separableConv2d: shapes, parameters and MACs equal Keras's formulas, and TensorFlow.js builds
// the same shapes and parameter counts (an independent implementation of the same layers).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import { checkModel, type LayerInfo } from '../../../runtime/language';
import { buildModel, checkText } from '../../../runtime/training';

function modelText(input: string, layerLines: readonly string[]): string {
  return ['task: regression', `input: ${input}`, 'layers:', ...layerLines.map((l) => `  - ${l}`), '  - flatten'].join('\n');
}

function layersOf(input: string, layerLines: readonly string[]): LayerInfo[] {
  const check = checkModel(modelText(input, layerLines), 'convs.model.yaml');
  assert.deepEqual(check.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return [...check.layers];
}

test('depthwiseConv2d: channels × depthMultiplier, Keras kh·kw·c·m + c·m parameters, MACs per output pixel', () => {
  // Keras DepthwiseConv2D(3, depth_multiplier=2) on (16, 16, 8): (14, 14, 16), 3·3·8·2 + 16 = 160 parameters.
  const [dw] = layersOf('[16, 16, 8]', ['depthwiseConv2d: { kernel: 3, depthMultiplier: 2 }']);
  assert.equal(dw?.id, 'depthwise_conv2d_1');
  assert.deepEqual(dw?.outputShape, [14, 14, 16]);
  assert.equal(dw?.params, 3 * 3 * 8 * 2 + 16);
  assert.equal(dw?.macs, 14 * 14 * 3 * 3 * 16);
  assert.equal(dw?.paramFormula, '3·3·8·2 + 16 = 160');
  assert.deepEqual(dw?.receptiveField, { size: [3, 3], jump: [1, 1] });
  // stride 2, same, no bias: ceil(15 / 2) = 8; 5·5·4·1 = 100
  const [strided] = layersOf('[15, 15, 4]', ['depthwiseConv2d: { kernel: 5, stride: 2, padding: same, useBias: false }']);
  assert.deepEqual(strided?.outputShape, [8, 8, 4]);
  assert.equal(strided?.params, 100);
  assert.deepEqual(strided?.receptiveField, { size: [5, 5], jump: [2, 2] });
});

test('separableConv2d: depthwise + pointwise + bias parameters, both steps in the MACs, dilation as conv2d', () => {
  // Keras SeparableConv2D(64, 3) on (32, 32, 32): (30, 30, 64), 3·3·32 + 32·64 + 64 = 2,400 parameters.
  const [sep] = layersOf('[32, 32, 32]', ['separableConv2d: { filters: 64, kernel: 3 }']);
  assert.equal(sep?.id, 'separable_conv2d_1');
  assert.deepEqual(sep?.outputShape, [30, 30, 64]);
  assert.equal(sep?.params, 2400);
  assert.equal(sep?.macs, 30 * 30 * (3 * 3 * 32 + 32 * 64));
  assert.equal(sep?.paramFormula, '3·3·32·1 + 32·64 + 64 = 2,400');
  // depthMultiplier 2, dilation 2: k_eff 5 → 12 − 5 + 1 = 8; 3·3·3·2 + 6·10 + 10 = 124
  const [dilated] = layersOf('[12, 12, 3]', ['separableConv2d: { filters: 10, kernel: 3, dilation: 2, depthMultiplier: 2 }']);
  assert.deepEqual(dilated?.outputShape, [8, 8, 10]);
  assert.equal(dilated?.params, 124);
  assert.deepEqual(dilated?.receptiveField, { size: [5, 5], jump: [1, 1] });
});

test('separableConv2d refuses dilation with stride, pointing at dilation; depthwiseConv2d has no filters', () => {
  const text = modelText('[12, 12, 3]', ['separableConv2d: { filters: 4, kernel: 3, stride: 2, dilation: 2 }']);
  const check = checkModel(text, 'bad.model.yaml');
  const error = check.diagnostics.find((d) => d.severity === 'error');
  assert.match(error?.message ?? '', /dilation > 1 cannot be combined with stride > 1/);
  assert.equal(text.split('\n')[error?.range.start.line ?? 0]?.slice(error?.range.start.col, error?.range.end.col), '2');
  const withFilters = checkModel(modelText('[8, 8, 3]', ['depthwiseConv2d: { kernel: 3, filters: 4 }']), 'f.model.yaml');
  assert.ok(withFilters.diagnostics.some((d) => d.severity === 'error' && /filters/.test(d.message)));
});

test('TensorFlow.js builds the same shapes and parameter counts as the model check', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const baseline = tf.memory().numTensors;
  const text = modelText('[20, 20, 6]', [
    'depthwiseConv2d: { id: dw, kernel: 3, stride: 2, padding: same, depthMultiplier: 3, activation: relu }',
    'separableConv2d: { id: sep, filters: 12, kernel: [3, 5], depthMultiplier: 2, activation: leakyRelu }',
    'separableConv2d: { id: dil, filters: 4, kernel: 3, dilation: 2, padding: same, useBias: false }',
    'depthwiseConv2d: { id: plain, kernel: 1, useBias: false }',
  ]);
  const checked = checkText(text, 'convs.model.yaml');
  if (checked.type === 'error') assert.fail(checked.message);
  const built = buildModel(checked.spec, 3);
  try {
    for (const info of checked.check.layers) {
      const layer = built.layers.find((l) => l.id === info.id);
      assert.deepEqual(layer?.output.shape.slice(1), info.outputShape, info.id);
      assert.equal(layer?.layer.countParams(), info.params, info.id);
    }
    assert.equal(built.model.countParams(), checked.check.totals.params);
  } finally {
    built.model.dispose();
  }
  assert.equal(tf.memory().numTensors, baseline, 'building and disposing leaks nothing');
});
