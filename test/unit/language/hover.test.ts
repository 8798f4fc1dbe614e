// Hover markdown, position lookups and name suggestions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkModel, layerAt, layerHoverMarkdown, paramHoverMarkdown, suggestName } from '../../../runtime/language/index';

const lenet = checkModel(readFileSync('samples/lenet.model.yaml', 'utf8'), 'lenet.model.yaml');

test('layer hover shows type, id, shapes, the parameter formula, MACs and receptive field', () => {
  const c3 = lenet.layers.find((l) => l.id === 'c3');
  assert.ok(c3);
  const markdown = layerHoverMarkdown(c3);
  assert.match(markdown, /^\*\*conv2d\*\* `c3`/);
  assert.match(markdown, /`\[14, 14, 6\]` → `\[10, 10, 16\]`/);
  assert.match(markdown, /\| Params \| 5·5·6·16 \+ 16 = \*\*2,416\*\* \|/);
  assert.match(markdown, /\| MACs \| 240,000 \|/);
  // c1 5×5 (jump 1), s2 pool 2 → 6×6 (jump 2), c3 5×5 → 6 + 4·2 = 14
  assert.match(markdown, /\| Receptive field \| 14×14 \(jump 2×2\) \|/);
});

test('hover appends extra sections such as last-run statistics after the analysis', () => {
  const layer = lenet.layers[0];
  assert.ok(layer);
  const markdown = layerHoverMarkdown(layer, [{ title: 'Last run', markdown: 'activation mean 0.12' }]);
  assert.match(markdown, /\| Receptive field \|[^\n]*\n\n\*\*Last run\*\*\n\nactivation mean 0\.12$/);
});

test('hover of batchNormalization shows the trainable count; unknown shapes show ?', () => {
  const bn = checkModel('task: regression\ninput: [4, 4, 3]\nlayers:\n  - batchNormalization\n  - flatten\n  - dense: { units: 1 }', 'm.model.yaml').layers[0];
  assert.ok(bn);
  assert.match(layerHoverMarkdown(bn), /4·3 = \*\*12\*\* \(2·3 = 6 trainable\)[\s\S]*\| Trainable \| 6 \|/);
  const broken = checkModel('input: [4]\nlayers:\n  - bogus\n  - dense: { units: 1 }', 'm.model.yaml').layers[1];
  assert.ok(broken);
  assert.match(layerHoverMarkdown(broken), /`\?` → `\?`/);
});

test('parameter hover documents defaults; layerAt finds the layer under a position', () => {
  assert.match(paramHoverMarkdown('conv2d', 'padding') ?? '', /Default: `valid`/);
  assert.match(paramHoverMarkdown('dense', 'from') ?? '', /previous layer/);
  assert.equal(paramHoverMarkdown('conv2d', 'nope'), undefined);
  assert.equal(layerAt(lenet, { line: 9, col: 20 })?.id, 'c3'); // below the sample's two comment lines
  assert.equal(layerAt(lenet, { line: 0, col: 0 }), undefined);
});

test('suggestions: case-insensitive, Keras class names, edit distance, nothing when far', () => {
  const types = ['maxPool2d', 'avgPool2d', 'conv2d', 'dense', 'batchNormalization', 'globalAveragePooling2d'];
  assert.equal(suggestName('maxpooling2d', types), 'maxPool2d');
  assert.equal(suggestName('MaxPooling2D', types), 'maxPool2d');
  assert.equal(suggestName('AveragePooling2D', types), 'avgPool2d');
  assert.equal(suggestName('Conv2D', types), 'conv2d');
  assert.equal(suggestName('dnese', types), 'dense');
  assert.equal(suggestName('batch_normalization', types), 'batchNormalization');
  assert.equal(suggestName('lstm', types), undefined);
  assert.equal(suggestName('x'.repeat(1000), types), undefined);
});
