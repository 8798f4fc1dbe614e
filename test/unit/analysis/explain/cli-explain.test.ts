// `layerlens explain` and `layerlens maximize` (binding): the JSON objects' fields and order, shapes, pre-softmax
// logits, the default class, Grad-CAM = ReLU(CAM)/(h·w) across two invocations, --input used as-is, and exit 2
// with one line for each user error.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../runtime/backends';
import { runExplain } from '../../../../runtime/cli/explain';
import { runMaximize } from '../../../../runtime/cli/maximize';
import { tempDir, writeRun } from '../fixtures';

const GAP_CNN = `name: gap-cnn
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 40, validationSplit: 0.25 }
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, padding: same, activation: relu }
  - conv2d: { id: c2, filters: 4, kernel: 3, stride: 2, padding: same, activation: relu }
  - globalAveragePooling2d: { id: gap }
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 9 }
`;

interface Tensor { shape: number[]; data: number[] }
interface ExplainJson { method: string; layer: string | null; class: number; input: Tensor; logits: number[]; probs: number[]; map: Tensor; upsampled: Tensor }

before(() => selectBackend({ preference: 'cpu', nodeModuleDirs: [] }));

async function cli(run: typeof runExplain, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; } };
  const code = await run([...args, '--backend', 'cpu'], io, { assetsDir: '/nonexistent' });
  return { code, out: io.out, err: io.err };
}

async function explainJson(args: string[]): Promise<ExplainJson> {
  const { code, out, err } = await cli(runExplain, [...args, '--json']);
  assert.equal(code, 0, err);
  assert.equal(out.split('\n').length, 2, 'one line');
  return JSON.parse(out) as ExplainJson;
}

test('explain --json: fields in order, pre-softmax logits, predicted class by default, Grad-CAM = ReLU(CAM)/(h·w)', async () => {
  const { runDir } = await writeRun(tempDir(), 'gap-cnn', GAP_CNN);
  const before = tf.memory().numTensors;
  const grad = await explainJson([runDir, '--method', 'gradcam', '--sample', '1']);
  assert.equal(tf.memory().numTensors, before, 'the command frees what it loaded');
  assert.deepEqual(Object.keys(grad), ['method', 'layer', 'class', 'input', 'logits', 'probs', 'map', 'upsampled']);
  assert.equal(grad.method, 'gradcam');
  assert.equal(grad.layer, 'c2', 'the last spatial layer by default');
  assert.deepEqual(grad.input.shape, [8, 8, 1]);
  assert.deepEqual(grad.map.shape, [4, 4]);
  assert.deepEqual(grad.upsampled.shape, [8, 8]);
  assert.equal(grad.upsampled.data.length, 64);
  const exp = grad.logits.map(Math.exp);
  const total = exp.reduce((a, b) => a + b, 0);
  exp.forEach((e, i) => assert.ok(Math.abs(e / total - (grad.probs[i] ?? NaN)) < 1e-5, 'probs = softmax(logits)'));
  assert.equal(grad.class, grad.logits.indexOf(Math.max(...grad.logits)));
  // Half-pixel bilinear: the corner output samples the corner of the map.
  assert.ok(Math.abs((grad.upsampled.data[0] ?? NaN) - (grad.map.data[0] ?? NaN)) < 1e-6);
  for (const c of [0, 1, 2]) {
    const g = await explainJson([runDir, '--method', 'gradcam', '--layer', 'c2', '--class', String(c), '--sample', '1']);
    const cam = await explainJson([runDir, '--method', 'cam', '--class', String(c), '--sample', '1']);
    assert.equal(g.class, c);
    assert.equal(cam.layer, 'c2');
    const scale = Math.max(1e-6, ...cam.map.data.map((v) => Math.abs(v) / 16));
    cam.map.data.forEach((v, i) => assert.ok(Math.abs(Math.max(v, 0) / 16 - (g.map.data[i] ?? NaN)) < 1e-5 * scale + 1e-7, `class ${c} at ${i}`));
  }
});

test('explain: input-space methods give [H, W, C] maps; --input is used as-is; IG and LRP run; non-JSON summary', async () => {
  const dir = tempDir();
  const { runDir } = await writeRun(dir, 'gap-cnn', GAP_CNN);
  const data = Array.from({ length: 64 }, (_, i) => ((i * 37) % 64) / 64);
  const file = join(dir, 'digit.json');
  writeFileSync(file, JSON.stringify({ shape: [8, 8, 1], data }));
  for (const method of ['saliency', 'smoothgrad', 'ig', 'lrp-epsilon', 'lrp-zplus', 'gradcampp']) {
    const result = await explainJson([runDir, '--method', method, '--input', file, '--steps', '20', '--samples', '4', '--seed', '3']);
    assert.equal(result.method, method);
    assert.deepEqual(result.input.data.map((v) => Math.round(v * 64)), data.map((v) => Math.round(v * 64)));
    assert.deepEqual(result.map.shape, method === 'gradcampp' ? [4, 4] : [8, 8, 1], method);
    assert.deepEqual(result.upsampled.shape, [8, 8], method);
    assert.ok(result.map.data.every(Number.isFinite), method);
  }
  const { code, out } = await cli(runExplain, [runDir, '--method', 'ig', '--steps', '30']);
  assert.equal(code, 0);
  assert.match(out, /completeness gap \d+\.\d+%/);
});

test('explain and maximize exit 2 with one line for bad input', async () => {
  const { runDir } = await writeRun(tempDir(), 'gap-cnn', GAP_CNN);
  const cases: [typeof runExplain, string[], RegExp][] = [
    [runExplain, [runDir, '--method', 'gradcam++'], /--method must be one of/],
    [runExplain, [runDir], /--method is required/],
    [runExplain, [runDir, '--method', 'gradcam', '--layer', 'nope'], /unknown layer 'nope'/],
    [runExplain, [runDir, '--method', 'gradcam', '--layer', 'out'], /not a spatial/],
    [runExplain, [runDir, '--method', 'gradcam', '--class', '3'], /class 3 is out of range/],
    [runExplain, [runDir, '--method', 'cam', '--layer', 'c1'], /CAM is defined on 'c2'/],
    [runExplain, [runDir, '--method', 'ig', '--steps', '0'], /--steps must be a whole number ≥ 1/],
    [runExplain, [join(runDir, 'missing'), '--method', 'saliency'], /./],
    [runMaximize, [runDir], /give --class C, or --layer ID with --channel K/],
    [runMaximize, [runDir, '--layer', 'c1', '--channel', '9'], /channel 9 is out of range/],
    [runMaximize, [runDir, '--class', '1', '--layer', 'c1', '--channel', '0'], /not both/],
  ];
  for (const [run, args, message] of cases) {
    const { code, out, err } = await cli(run, args);
    assert.equal(code, 2, `${args.join(' ')}: ${err}`);
    assert.equal(out, '');
    assert.match(err.split('\n')[0] ?? '', message, args.join(' '));
  }
});

test('maximize --json prints {image, score}: score per step, the image in the data range', async () => {
  const { runDir } = await writeRun(tempDir(), 'gap-cnn', GAP_CNN);
  const { code, out, err } = await cli(runMaximize, [runDir, '--class', '1', '--steps', '6', '--seed', '2', '--json']);
  assert.equal(code, 0, err);
  const result = JSON.parse(out) as { image: Tensor; score: number[] };
  assert.deepEqual(Object.keys(result), ['image', 'score']);
  assert.deepEqual(Object.keys(result.image), ['shape', 'data']);
  assert.deepEqual(result.image.shape, [8, 8, 1]);
  assert.equal(result.score.length, 6);
  assert.ok(result.image.data.every((v) => v >= 0 && v <= 1));
  const channel = await cli(runMaximize, [runDir, '--layer', 'c1', '--channel', '2', '--steps', '3', '--json']);
  assert.equal(channel.code, 0, channel.err);
});
