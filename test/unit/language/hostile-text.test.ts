// Issue 11's smaller findings in the checker: line breaks, nesting depth, TensorFlow.js-valid ids with their quick fix,
// duplicate keys in one pass, one diagnostic per cycle, and hover markdown that user strings cannot escape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModel, layerHoverMarkdown, type TextEdit } from '../../../runtime/language/index';
import { codeSpan, escapeMarkdown } from '../../../runtime/language/hover';
import { MAX_NESTING_DEPTH } from '../../../runtime/language/text-guards';
import { bigCycle } from '../../fixtures/hostile-models';

const LINES = ['name: t', 'task: regression', 'input: [4]', 'layers:', '  - dense: { units: 2, unitz: 3 }', '  - dense: { units: 1 }'];

test('ranges and keys are the same for LF, CRLF and bare CR line ends', () => {
  const results = ['\n', '\r\n', '\r'].map((eol) => checkModel(LINES.join(eol), 'm.model.yaml').diagnostics
    .map((d) => ({ code: d.code, range: d.range })));
  assert.deepEqual(results[0], [{ code: 'unknown-param', range: { start: { line: 4, col: 23 }, end: { line: 4, col: 28 } } }]);
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[2], results[0]);
});

test('nesting deeper than the limit gets one clear diagnostic, flow or block', () => {
  for (const text of [`input: [4]\nlayers: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, `layers:\n  ${'- '.repeat(100_000)}dense\n`]) {
    const { diagnostics } = checkModel(text, 'm.model.yaml');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]?.message ?? '', new RegExp(`nesting is too deep to check \\(more than ${MAX_NESTING_DEPTH} levels`));
    assert.equal(diagnostics[0]?.range.start.line, 1);
  }
  // A real model nests far less, quoted brackets and comments do not count.
  const ok = checkModel('task: regression\ninput: [4]\nname: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n'
    + `# ${'['.repeat(100)}\nlayers: [{ dense: { units: 1 } }]\n`, 'm.model.yaml');
  assert.deepEqual(ok.diagnostics, []);
});

function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: TextEdit['range']['start']) => lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.col;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

test('layer ids TensorFlow.js refuses are errors with a quick fix renaming the id and its references', () => {
  for (const [id, fixed] of [['my layer', 'my_layer'], ['_tmp', 'tmp'], ['a:b', 'a_b']] as const) {
    const text = `task: regression\ninput: [4]\nlayers:\n  - dense: { units: 2, id: "${id}" }\n  - dense: { units: 1, from: "${id}" }\n`;
    const check = checkModel(text, 'm.model.yaml');
    const bad = check.diagnostics.filter((d) => d.code === 'bad-value');
    assert.equal(bad.length, 1, JSON.stringify(check.diagnostics));
    assert.match(bad[0]?.message ?? '', /not accepted by TensorFlow\.js/);
    assert.equal(bad[0]?.range.start.line, 3);
    const fix = bad[0]?.fixes?.[0];
    assert.equal(fix?.title, `Rename to '${fixed}'`);
    const repaired = apply(text, fix?.edits ?? []);
    assert.match(repaired, new RegExp(`id: "${fixed}" }\\n  - dense: \\{ units: 1, from: "${fixed}"`));
    assert.deepEqual(checkModel(repaired, 'm.model.yaml').diagnostics, []);
  }
  assert.deepEqual(checkModel('task: regression\ninput: [4]\nlayers:\n  - dense: { units: 1, id: a-b.c/d_1 }\n', 'm.model.yaml').diagnostics, []);
});

test('duplicate keys are found in one pass, on the second key, naming the first line', () => {
  const check = checkModel('task: regression\ninput: [4]\ntask: regression\nlayers: [{ dense: { units: 1, units: 2 } }]\n', 'm.model.yaml');
  const duplicates = check.diagnostics.filter((d) => /keys must be unique/.test(d.message));
  assert.deepEqual(duplicates.map((d) => [d.range.start.line, d.range.start.col, d.message]), [
    [2, 0, "Map keys must be unique: 'task' is already on line 1"],
    [3, 30, "Map keys must be unique: 'units' is already on line 4"],
  ]);
});

test('a 5,000-layer cycle is one short diagnostic', () => {
  const cycles = checkModel(bigCycle(), 'm.model.yaml').diagnostics.filter((d) => d.code === 'cycle');
  assert.equal(cycles.length, 1);
  assert.ok((cycles[0]?.message.length ?? 0) < 200, cycles[0]?.message);
  assert.match(cycles[0]?.message ?? '', /… \(5000 layers\)/);
});

test('hover markdown keeps user strings inside their code span', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x'), '`` `x ``');
  assert.equal(escapeMarkdown('*[x](y)*'), '\\*\\[x\\]\\(y\\)\\*');
  const text = 'task: regression\ninput: [4]\nlayers:\n  - dense: { units: 1, id: "x` [link](http://e.invalid) `y" }\n';
  const layer = checkModel(text, 'm.model.yaml').layers[0];
  assert.ok(layer);
  const markdown = layerHoverMarkdown(layer);
  assert.ok(markdown.includes('``x` [link](http://e.invalid) `y``'), markdown);
  const unknown = checkModel('input: [4]\nlayers:\n  - "**bold** [a](b)"\n', 'm.model.yaml').layers[0];
  assert.ok(unknown);
  assert.ok(layerHoverMarkdown(unknown).startsWith('**\\*\\*bold\\*\\* \\[a\\]\\(b\\)**'), layerHoverMarkdown(unknown));
});
