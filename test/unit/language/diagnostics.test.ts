// Every diagnostic kind, with its severity, line and the exact range of the offending key or value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModel, type Diagnostic, type DiagnosticCode } from '../../../runtime/language/index';

const HEAD = ['name: t', 'task: classification', 'input: [8, 8, 1]'];
const model = (...layers: string[]): string => [...HEAD, 'layers:', ...layers.map((l) => `  - ${l}`)].join('\n');

/** The single diagnostic with `code`; asserts its 1-based line and, if given, the text it covers. */
function expectOne(text: string, code: DiagnosticCode, line: number, covered?: string, fileName = 'm.model.yaml'): Diagnostic {
  const check = checkModel(text, fileName);
  const found = check.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(check.diagnostics, null, 1)}`);
  const [diagnostic] = found;
  assert.ok(diagnostic);
  assert.equal(diagnostic.range.start.line + 1, line, diagnostic.message);
  if (covered !== undefined) {
    const lineText = text.split('\n')[diagnostic.range.start.line] ?? '';
    assert.equal(diagnostic.range.end.line, diagnostic.range.start.line);
    assert.equal(lineText.slice(diagnostic.range.start.col, diagnostic.range.end.col), covered);
  }
  assert.equal(check.spec === undefined, check.diagnostics.some((d) => d.severity === 'error'), 'spec only without errors');
  return diagnostic;
}

test('a valid model has no diagnostics and a spec with defaults', () => {
  const check = checkModel(model('conv2d: { filters: 2, kernel: 3 }', 'flatten', 'dense: { units: 3, activation: softmax }'), 'm.model.yaml');
  assert.deepEqual(check.diagnostics, []);
  const conv = check.spec?.layers[0];
  assert.equal(conv?.type, 'conv2d');
  assert.deepEqual(conv?.type === 'conv2d' ? [conv.stride, conv.padding, conv.dilation, conv.useBias, conv.id] : [], [[1, 1], 'valid', [1, 1], true, 'conv2d_1']);
  assert.equal(check.spec?.train.optimizer, 'adam');
  assert.equal(check.spec?.train.loss, 'categoricalCrossentropy');
});

test('YAML and JSON syntax errors', () => {
  const yaml = expectOne('input: [2]\nlayers:\n  - dense: { units: 1\n', 'syntax', 4);
  assert.equal(yaml.severity, 'error');
  const json = checkModel('{\n  "input": [2],\n  "layers": [ { "dense": { "units": 1 } }\n}\n', 'm.model.json');
  const syntax = json.diagnostics.filter((d) => d.code === 'syntax');
  assert.ok(syntax.length > 0);
  assert.deepEqual(syntax.map((d) => d.range.start.line + 1), syntax.map(() => 4), 'the unclosed list is noticed at the closing brace');
});

test('structure errors: layers not a list, layer entry with two keys', () => {
  expectOne([...HEAD, 'layers: 5'].join('\n'), 'structure', 4, '5');
  const two = [...HEAD, 'layers:', '  - conv2d: { filters: 2, kernel: 3 }', '    id: c1', '  - flatten'].join('\n');
  assert.match(expectOne(two, 'structure', 6, 'id').message, /move 'id' into the parameters/);
});

test('unknown layer type with the nearest valid name and a rename fix', () => {
  const d = expectOne(model('maxpooling2d: { pool: 2 }', 'flatten'), 'unknown-layer-type', 5, 'maxpooling2d');
  assert.match(d.message, /did you mean 'maxPool2d'\?/);
  assert.equal(d.fixes?.[0]?.edits[0]?.newText, 'maxPool2d');
  const json = '{"task": "regression", "input": [3], "layers": [{"Dense": {"units": 1}}]}';
  assert.equal(expectOne(json, 'unknown-layer-type', 1, '"Dense"', 'm.model.json').fixes?.[0]?.edits[0]?.newText, '"dense"');
});

test('unknown parameter and unknown keys suggest the nearest name', () => {
  assert.match(expectOne(model('conv2d: { filters: 2, kernel: 3, strides: 2 }', 'flatten'), 'unknown-param', 5, 'strides').message,
    /did you mean 'stride'\?/);
  const top = expectOne(['nmae: x', ...HEAD.slice(1), 'layers:', '  - flatten'].join('\n'), 'unknown-key', 1, 'nmae');
  assert.equal(top.severity, 'warning');
  assert.match(top.message, /did you mean 'name'/);
  const data = expectOne([...HEAD, 'data: { source: csv, path: a.csv, labelColum: y }', 'layers:', '  - flatten'].join('\n'), 'unknown-key', 4, 'labelColum');
  assert.match(data.message, /labelColumn/);
});

test('missing required parameter points at the layer type', () => {
  assert.match(expectOne(model('conv2d: { kernel: 3 }', 'flatten'), 'missing-value', 5, 'conv2d').message, /'filters' is required/);
  expectOne([...HEAD, 'data: { source: csv }', 'layers:', '  - flatten'].join('\n'), 'missing-value', 4, 'csv');
});

test('bad values: wrong type, negative, not in the enum, out of range', () => {
  assert.match(expectOne(model('conv2d: { filters: -3, kernel: 3 }', 'flatten'), 'bad-value', 5, '-3').message, /≥ 1/);
  assert.match(expectOne(model('conv2d: { filters: two, kernel: 3 }', 'flatten'), 'bad-value', 5, 'two').message, /integer/);
  const padding = expectOne(model('conv2d: { filters: 2, kernel: 3, padding: smae }', 'flatten'), 'bad-value', 5, 'smae');
  assert.match(padding.message, /did you mean 'same'/);
  expectOne(model('dense: { units: 2.5 }'), 'bad-value', 5, '2.5');
  expectOne(model('flatten', 'dropout: { rate: 1 }', 'dense: { units: 2 }'), 'bad-value', 6, '1');
  expectOne(model('conv2d: { filters: 2, kernel: [3, 3, 3] }', 'flatten'), 'bad-value', 5, '[3, 3, 3]');
  expectOne([...HEAD.slice(0, 2), 'input: [28, 0]', 'layers:', '  - flatten'].join('\n'), 'bad-value', 3, '0');
  expectOne(model('flatten', 'dense: { units: 2 }') + '\ntrain: { optimizer: adamw }', 'bad-value', 7, 'adamw');
  expectOne(model('conv2d: { filters: 2, kernel: 3, stride: 2, dilation: 2 }', 'flatten'), 'bad-value', 5, '2');
});

test('too large numbers and shapes become diagnostics', () => {
  expectOne(model('flatten', 'dense: { units: 10000000 }'), 'too-large', 6, '10000000');
  expectOne([...HEAD.slice(0, 2), 'input: [100000, 100000, 3]', 'layers:', '  - flatten'].join('\n'), 'too-large', 3);
  expectOne([...HEAD.slice(0, 2), 'input: [1000, 1000, 3]', 'layers:', '  - dense: { units: 100000 }', '  - flatten'].join('\n'), 'too-large', 5, 'dense');
  const huge = checkModel(model('flatten', 'dense: { units: 1e400 }'), 'm.model.yaml');
  assert.ok(huge.diagnostics.some((d) => d.severity === 'error'));
});

test('duplicate ids and unknown from ids', () => {
  expectOne(model('conv2d: { filters: 2, kernel: 3, id: a }', 'conv2d: { filters: 2, kernel: 3, id: a }', 'flatten'), 'duplicate-id', 6, 'a');
  const unknown = expectOne(model('conv2d: { filters: 2, kernel: 3, id: left }', 'add: { from: [left, lfet] }', 'flatten'), 'unknown-id', 6, 'lfet');
  assert.match(unknown.message, /did you mean 'left'/);
});

test('a cycle is reported once, on its first layer', () => {
  const text = model('flatten: { id: a, from: b }', 'dense: { units: 2, id: b, from: a }');
  const cycles = checkModel(text, 'm.model.yaml').diagnostics.filter((d) => d.code === 'cycle');
  assert.deepEqual(cycles.map((d) => d.range.start.line + 1), [5]);
  assert.match(cycles[0]?.message ?? '', /a → b → a|b → a → b/);
  expectOne(model('flatten', 'dense: { units: 2, id: me, from: me }'), 'cycle', 6, 'me');
});

test('input counts: merges need two inputs, other layers one', () => {
  expectOne(model('conv2d: { filters: 1, kernel: 1 }', 'add', 'flatten'), 'input-count', 6, 'add');
  expectOne(model('flatten: { id: f }', 'dense: { units: 2, from: [f, input] }'), 'input-count', 6, '[f, input]');
});

test('rank mismatch: convolution after flatten', () => {
  const d = expectOne(model('flatten', 'conv2d: { filters: 2, kernel: 3 }', 'dense: { units: 2 }'), 'rank-mismatch', 6, 'conv2d');
  assert.match(d.message, /\[64\]/);
});

test('an output size ≤ 0 points at the kernel', () => {
  const d = expectOne(model('maxPool2d: { pool: 4 }', 'conv2d: { filters: 2, kernel: 5 }', 'flatten'), 'non-positive-output', 6, '5');
  assert.equal(d.severity, 'error');
});

test('shape mismatches in add, multiply, concatenate and reshape', () => {
  expectOne(model('conv2d: { filters: 2, kernel: 1, id: a }', 'conv2d: { filters: 3, kernel: 1, from: input }', 'add: { from: [a, conv2d_1] }', 'flatten'),
    'shape-mismatch', 7, 'add');
  expectOne(model('conv2d: { filters: 2, kernel: 3, id: a }', 'multiply: { from: [a, input] }', 'flatten'), 'shape-mismatch', 6, 'multiply');
  expectOne(model('conv2d: { filters: 2, kernel: 3, id: a }', 'concatenate: { from: [a, input] }', 'flatten'), 'shape-mismatch', 6, 'concatenate');
  expectOne(model('reshape: { shape: [3, -1] }', 'flatten'), 'shape-mismatch', 5, '[3, -1]');
});

test('final output vs task: an error whenever it cannot train, with fixes for a dense head on rank 3', () => {
  // Keras builds a dense layer on [6, 6, 2], but [6, 6, 10] cannot train against one label per example.
  const denseHead = expectOne(model('conv2d: { filters: 2, kernel: 3 }', 'dense: { units: 10 }'), 'task-output', 6, 'dense');
  assert.equal(denseHead.severity, 'error');
  assert.match(denseHead.message, /\[6, 6, 10\]/);
  assert.equal(denseHead.fixes?.length, 2);
  const error = expectOne(model('conv2d: { filters: 2, kernel: 3 }'), 'task-output', 5, 'conv2d');
  assert.equal(error.severity, 'error');
  const regression = model('flatten', 'dense: { units: 1 }').replace('classification', 'regression');
  assert.equal(checkModel(regression, 'm.model.yaml').diagnostics.length, 0);
  const segmentation = model('conv2d: { filters: 1, kernel: 3 }').replace('classification', 'segmentation');
  assert.match(expectOne(segmentation, 'task-output', 5, 'conv2d').message, /\[8, 8\]/);
  const segmentationOk = model('conv2d: { filters: 1, kernel: 3, padding: same }').replace('classification', 'segmentation');
  assert.deepEqual(checkModel(segmentationOk, 'm.model.yaml').diagnostics, []);
});

test('unused layer outputs are warnings', () => {
  const d = expectOne(model('conv2d: { filters: 2, kernel: 1, id: lost }', 'flatten: { from: input }', 'dense: { units: 2 }'), 'unused-layer', 5, 'conv2d');
  assert.equal(d.severity, 'warning');
});

test('bad input never throws: empty, scalars, lists, aliases, recursion', () => {
  for (const text of ['', '42', '- a\n- b', 'layers:', 'a: &x [*x]\nlayers: *x', 'layers: [[[[[]]]]]', '{"input": "x", "layers": {}}', '\u0000\uffff']) {
    const check = checkModel(text, 'x.model.yaml');
    assert.ok(check.diagnostics.length > 0, `no diagnostics for ${JSON.stringify(text)}`);
  }
});
