/**
 * One source of truth for errors: whatever the checker calls a warning must train. For every warning kind the
 * checker can report (found in its sources, so a new kind fails here until it has a case), a small model file that
 * shows exactly that warning trains to completion on the real trainer.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkModel } from '../../../runtime/language';
import { recordingTrainer, workspace } from '../training/helpers';

const BASE = {
  head: 'name: warned\ntask: classification\n',
  input: 'input: [2]\n',
  data: 'data: { source: xor, samples: 40, validationSplit: 0.25 }\n',
  layers: 'layers:\n  - dense: { units: 8, activation: relu }\n  - dense: { units: 2, activation: softmax }\n',
  train: 'train: { epochs: 1, batchSize: 10, seed: 3 }\n',
};
const model = (parts: Partial<typeof BASE>): string => {
  const p = { ...BASE, ...parts };
  return p.head + p.input + p.data + p.layers + p.train;
};

/** A file per warning kind (diagnostic code), each showing that warning and no error. */
const CASES: readonly { code: string; what: string; text: string }[] = [
  { code: 'unused-layer', what: 'a layer whose output nothing uses',
    text: model({ layers: 'layers:\n  - dense: { units: 4, id: side }\n  - dense: { units: 8, activation: relu, from: input }\n  - dense: { units: 2, activation: softmax }\n' }) },
  { code: 'unknown-key', what: 'an unknown top-level key', text: `${model({})}author: someone\n` },
  { code: 'unknown-key', what: 'an unknown data key', text: model({ data: 'data: { source: xor, samples: 40, validationSplit: 0.25, colour: red }\n' }) },
  { code: 'unknown-key', what: 'an unknown train key', text: model({ train: 'train: { epochs: 1, batchSize: 10, seed: 3, patience: 2 }\n' }) },
  { code: 'syntax', what: 'a YAML warning (unresolved tag)', text: `${model({})}description: !note a tagged description\n` },
  { code: 'missing-value', what: 'no task (classification assumed)', text: model({ head: 'name: warned\n' }) },
];

/** Every warning code reported in runtime/language (literal `report('warning', 'code'` and unknown keys). */
function warningCodesInSources(): Set<string> {
  const dir = join('runtime', 'language');
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/report\(\s*'warning',\s*'([\w-]+)'/g)) codes.add(match[1] ?? '');
    if (/reportUnknownKeys\(\s*'key',\s*'warning'\)/.test(source)) codes.add('unknown-key');
    if (/reportUnknownKeys\(\s*'parameter',\s*'warning'\)/.test(source)) codes.add('unknown-param');
  }
  return codes;
}

test('every warning kind of the checker has a case here', () => {
  const covered = new Set(CASES.map((c) => c.code));
  const found = warningCodesInSources();
  assert.ok(found.size >= 4, `sanity: found ${[...found].join(', ')}`);
  for (const code of found) assert.ok(covered.has(code), `warning '${code}' has no file in CASES that trains`);
});

for (const { code, what, text } of CASES) {
  test(`a file with only a '${code}' warning (${what}) trains`, async () => {
    const diagnostics = checkModel(text, 'warned.model.yaml').diagnostics;
    assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.code}`), [`warning ${code}`], JSON.stringify(diagnostics));
    const ws = workspace();
    try {
      const recorder = recordingTrainer(ws);
      const result = await recorder.run(ws.modelFile('warned', text), text, 'cpu');
      assert.equal(result.status, 'completed', JSON.stringify(result));
      assert.ok(Number.isFinite(result.final['loss']), JSON.stringify(result.final));
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
}
