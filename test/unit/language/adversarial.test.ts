// `train.adversarial`: parsed into the spec, every mistake a diagnostic with the range of the offending key or value,
// and hover documentation on its keys in YAML and JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkModel, keyHoverAt } from '../../../runtime/language/index';

const model = (adversarial: string, task = 'classification'): string => [
  'name: t', `task: ${task}`, 'input: [4]', 'layers:', '  - dense: { units: 3, activation: softmax }',
  'train:', '  epochs: 2', `  adversarial: ${adversarial}`,
].join('\n');

/** The diagnostics as `severity line: covered text`. */
function found(text: string): string[] {
  return checkModel(text, 'm.model.yaml').diagnostics.map((d) => {
    const line = text.split('\n')[d.range.start.line] ?? '';
    return `${d.severity} ${d.range.start.line + 1}: ${line.slice(d.range.start.col, d.range.end.line === d.range.start.line ? d.range.end.col : undefined)}`;
  });
}

test('a valid section becomes train.adversarial', () => {
  const check = checkModel(model('{ attack: pgd, epsilon: 0.1, ratio: 0.5, steps: 7, stepSize: 0.02 }'), 'm.model.yaml');
  assert.deepEqual(check.diagnostics, []);
  assert.deepEqual(check.spec?.train.adversarial, { attack: 'pgd', epsilon: 0.1, ratio: 0.5, steps: 7, stepSize: 0.02 });
  assert.equal(checkModel(model('{ attack: fgsm, epsilon: 0.2, ratio: 1 }'), 'm.model.yaml').spec?.train.adversarial?.steps, undefined);
});

test('mistakes are diagnostics with exact ranges', () => {
  assert.deepEqual(found(model('{ attack: cw, epsilon: 0.1, ratio: 0.5 }')), ['error 8: cw']);
  assert.deepEqual(found(model('{ attack: fgsm, epsilon: 0, ratio: 0.5 }')), ['error 8: 0']);
  assert.deepEqual(found(model('{ attack: fgsm, epsilon: 0.1, ratio: 1.5 }')), ['error 8: 1.5']);
  assert.deepEqual(found(model('{ attack: pgd, epsilon: 0.1, ratio: 0.5, steps: 2.5 }')), ['error 8: 2.5']);
  assert.deepEqual(found(model('{ attack: fgsm, ratio: 0.5 }')), ['error 8: adversarial']);
  assert.deepEqual(found(model('{ attack: fgsm, epsilon: 0.1, ratio: 0.5, steps: 3 }')), ['warning 8: steps']);
  assert.deepEqual(found(model('{ attack: fgsm, epsilon: 0.1, ratio: 0.5, eps: 3 }')), ['warning 8: eps']);
  assert.deepEqual(found(model('fgsm')), ['error 8: fgsm']);
  const regression = checkModel(model('{ attack: fgsm, epsilon: 0.1, ratio: 0.5 }', 'regression').replace('softmax', 'linear'), 'm.model.yaml');
  assert.ok(regression.diagnostics.some((d) => d.severity === 'error' && /needs a classification model/.test(d.message)));
  assert.equal(regression.spec, undefined);
});

test('hover documents the section and each of its keys, in YAML and JSON', () => {
  const yaml = model('{ attack: pgd, epsilon: 0.1, ratio: 0.5 }');
  const line = 7;
  const col = (text: string, needle: string): number => (text.split('\n')[line] ?? '').indexOf(needle) + 1;
  assert.match(keyHoverAt(yaml, { line, col: col(yaml, 'adversarial') })?.markdown ?? '', /adversarial training/);
  const epsilon = keyHoverAt(yaml, { line, col: col(yaml, 'epsilon') });
  assert.match(epsilon?.markdown ?? '', /^\*\*train\.adversarial\.epsilon\*\* — L∞ budget/);
  assert.deepEqual(epsilon?.range.start, { line, col: col(yaml, 'epsilon') - 1 });
  assert.equal(keyHoverAt(yaml, { line: 6, col: 3 }), undefined, 'other keys have no such hover');
  const json = '{\n  "input": [4],\n  "train": { "adversarial": { "attack": "fgsm", "ratio": 0.5, "epsilon": 0.1 } }\n}';
  assert.match(keyHoverAt(json, { line: 2, col: (json.split('\n')[2] ?? '').indexOf('ratio') })?.markdown ?? '', /Share of each batch/);
});
