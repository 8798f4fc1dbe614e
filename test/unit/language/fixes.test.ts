// Quick fixes: the inserted layer text, its position and indentation in YAML and JSON, and that applying it fixes the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModel, insertLayerBeforeEdit, type Position, type TextEdit } from '../../../runtime/language/index';

function offsetOf(text: string, at: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, at.line).reduce((sum, l) => sum + l.length + 1, 0) + at.col;
}

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, offsetOf(text, edit.range.start)) + edit.newText + text.slice(offsetOf(text, edit.range.end));
}

function taskFix(text: string, fileName: string, choice: number): TextEdit {
  const diagnostic = checkModel(text, fileName).diagnostics.find((d) => d.code === 'task-output');
  const edit = diagnostic?.fixes?.[choice]?.edits[0];
  assert.ok(edit, 'expected a task-output fix');
  return edit;
}

const YAML = `task: classification
input: [8, 8, 1]
layers:
    - conv2d: { filters: 4, kernel: 3 }
    - dense: { units: 16, activation: relu }
    - dropout: { rate: 0.5 }
    - dense: { units: 10, activation: softmax }
`;

test('YAML block list: inserts a sibling item before the first dense, with the same indentation', () => {
  const edit = taskFix(YAML, 'm.model.yaml', 0);
  assert.deepEqual(edit, { range: { start: { line: 4, col: 0 }, end: { line: 4, col: 0 } }, newText: '    - flatten: {}\n' });
  const fixed = apply(YAML, edit);
  assert.match(fixed, /\n {4}- flatten: \{\}\n {4}- dense: \{ units: 16/);
  const check = checkModel(fixed, 'm.model.yaml');
  assert.deepEqual(check.diagnostics, []);
  assert.deepEqual(check.outputShape, [10]);
  const pooled = checkModel(apply(YAML, taskFix(YAML, 'm.model.yaml', 1)), 'm.model.yaml');
  assert.deepEqual(pooled.diagnostics, []);
  assert.equal(pooled.layers[1]?.type, 'globalAveragePooling2d');
});

test('YAML with CRLF line ends keeps them', () => {
  const crlf = YAML.replace(/\n/g, '\r\n');
  const edit = taskFix(crlf, 'm.model.yaml', 0);
  assert.equal(edit.newText, '    - flatten: {}\r\n');
});

test('JSON with one layer per line: inserts a new line with the same indentation', () => {
  const json = `{
  "task": "classification",
  "input": [8, 8, 1],
  "layers": [
    { "conv2d": { "filters": 4, "kernel": 3 } },
    { "dense": { "units": 10 } }
  ]
}
`;
  const edit = taskFix(json, 'm.model.json', 0);
  assert.deepEqual(edit, { range: { start: { line: 5, col: 4 }, end: { line: 5, col: 4 } }, newText: '{ "flatten": {} },\n    ' });
  const fixed = apply(json, edit);
  assert.doesNotThrow(() => JSON.parse(fixed) as unknown);
  assert.match(fixed, /\n {4}\{ "flatten": \{\} \},\n {4}\{ "dense"/);
  assert.deepEqual(checkModel(fixed, 'm.model.json').diagnostics, []);
});

test('JSON on one line and YAML flow lists get an inline insertion', () => {
  const json = '{"task": "classification", "input": [8, 8, 1], "layers": [{"conv2d": {"filters": 4, "kernel": 3}}, {"dense": {"units": 10}}]}';
  const fixed = apply(json, taskFix(json, 'm.model.json', 1));
  assert.doesNotThrow(() => JSON.parse(fixed) as unknown);
  assert.deepEqual(checkModel(fixed, 'm.model.json').diagnostics, []);
  const flow = 'task: classification\ninput: [8, 8, 1]\nlayers: [ conv2d: { filters: 4, kernel: 3 }, dense: { units: 10 } ]\n';
  const edit = insertLayerBeforeEdit(flow, 'yaml', { line: 2, col: 45 }, 'flatten');
  assert.equal(edit.newText, '{ flatten: {} }, ');
  assert.deepEqual(checkModel(apply(flow, edit), 'm.model.yaml').diagnostics, []);
});

test('no insertion fix when no dense layer could take the flattened input', () => {
  const text = 'task: classification\ninput: [8, 8, 1]\nlayers:\n  - conv2d: { filters: 4, kernel: 3 }\n';
  const diagnostic = checkModel(text, 'm.model.yaml').diagnostics.find((d) => d.code === 'task-output');
  assert.equal(diagnostic?.severity, 'error');
  assert.equal(diagnostic?.fixes, undefined);
});
