// `layerlens summary`: JSON contract, Keras-like table, problem lines and exit codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runSummary } from '../../../runtime/cli/summary';

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = runSummary(args, {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readFile: (path) => {
      const text = files[path] ?? readFileSync(path, 'utf8');
      return text;
    },
  });
  return { code, stdout, stderr };
}

test('--json for the LeNet sample: exact keys, file order, ids, 1-based lines, shapes without batch', () => {
  const { code, stdout, stderr } = run(['samples/lenet.model.yaml', '--json']);
  assert.equal(code, 0, stderr);
  const summary = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(summary), ['name', 'layers', 'totalParams', 'trainableParams']);
  assert.deepEqual(summary, {
    name: 'lenet',
    layers: [
      { id: 'c1', type: 'conv2d', inputShapes: [[28, 28, 1]], outputShape: [28, 28, 6], params: 156, trainableParams: 156, macs: 117600, line: 8 },
      { id: 's2', type: 'avgPool2d', inputShapes: [[28, 28, 6]], outputShape: [14, 14, 6], params: 0, trainableParams: 0, macs: 0, line: 9 },
      { id: 'c3', type: 'conv2d', inputShapes: [[14, 14, 6]], outputShape: [10, 10, 16], params: 2416, trainableParams: 2416, macs: 240000, line: 10 },
      { id: 's4', type: 'avgPool2d', inputShapes: [[10, 10, 16]], outputShape: [5, 5, 16], params: 0, trainableParams: 0, macs: 0, line: 11 },
      { id: 'flatten_1', type: 'flatten', inputShapes: [[5, 5, 16]], outputShape: [400], params: 0, trainableParams: 0, macs: 0, line: 12 },
      { id: 'f5', type: 'dense', inputShapes: [[400]], outputShape: [120], params: 48120, trainableParams: 48120, macs: 48000, line: 13 },
      { id: 'f6', type: 'dense', inputShapes: [[120]], outputShape: [84], params: 10164, trainableParams: 10164, macs: 10080, line: 14 },
      { id: 'output', type: 'dense', inputShapes: [[84]], outputShape: [10], params: 850, trainableParams: 850, macs: 840, line: 15 },
    ],
    totalParams: 61706,
    trainableParams: 61706,
  });
  const layerKeys = (summary.layers as Record<string, unknown>[]).map((l) => Object.keys(l).join(','));
  assert.ok(layerKeys.every((k) => k === 'id,type,inputShapes,outputShape,params,trainableParams,macs,line'));
});

test('the table lists every layer with Keras-style shapes and the totals', () => {
  const { code, stdout } = run(['samples/resnet-block.model.yaml']);
  assert.equal(code, 0);
  assert.match(stdout, /^Model: "resnet-block"/);
  assert.match(stdout, / stem \(conv2d\) +\(None, 28, 28, 8\) +80 /);
  assert.match(stdout, /add_1 \(add\) .*block1_bn2, stem/);
  assert.match(stdout, /Total params: 5,194\nTrainable params: 5,098\nNon-trainable params: 96\n/);
});

test('an invalid file exits 1 with one FILE:LINE:COL: severity: message line per problem', () => {
  const bad = 'task: classification\ninput: [8, 8, 1]\nlayers:\n  - conv2d: { filters: -1, kernel: 3 }\n  - dense: { unit: 3 }\n';
  const { code, stdout, stderr } = run(['bad.model.yaml'], { 'bad.model.yaml': bad });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.ok(lines.includes("bad.model.yaml:4:24: error: conv2d: 'filters' must be ≥ 1 (got -1)"), stderr);
  assert.ok(lines.some((l) => /^bad\.model\.yaml:5:14: error: dense: unknown parameter 'unit'; did you mean 'units'\?$/.test(l)), stderr);
  assert.ok(lines.every((l) => /^bad\.model\.yaml:\d+:\d+: (error|warning|info): \S/.test(l)));
});

test('usage errors exit 2 and unreadable files exit 1', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['a.model.yaml', 'b.model.yaml']).code, 2);
  assert.equal(run(['--yaml', 'a.model.yaml']).code, 2);
  const missing = run(['does/not/exist.model.yaml']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^does\/not\/exist\.model\.yaml: error: cannot read file/);
});
