// `layerlens inspect` (binding): the JSON object's fields and order, data equal to model.execute of the layer in
// HWC order, --input as-is (label null), a readable summary, and exit 2 with one line for each user error.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';
import { AnalysisSession, loadRun } from '../../../runtime/analysis';
import { selectBackend } from '../../../runtime/backends';
import { runInspect } from '../../../runtime/cli/inspect';
import { maxAbsDiff, referenceOutputs, tempDir, writeRun } from './fixtures';

const CNN = `name: tiny-cnn
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 40, validationSplit: 0.25 }
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, activation: relu }
  - maxPool2d: { id: p1, pool: 2 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 9 }
`;

before(() => selectBackend({ preference: 'cpu', nodeModuleDirs: [] })); // the fixtures build models

interface InspectJson {
  layer: string; shape: number[]; data: number[]; input: { shape: number[]; data: number[] }; probs: number[]; label: number | null;
}

async function inspect(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; } };
  const code = await runInspect([...args, '--backend', 'cpu'], io, { assetsDir: '/nonexistent' });
  return { code, out: io.out, err: io.err };
}

test('--json prints one object {layer, shape, data, input, probs, label}; data is the layer output in HWC order', async () => {
  const dir = tempDir();
  const { runDir } = await writeRun(dir, 'tiny-cnn', CNN, { checkpoints: [1] });
  const before = tf.memory().numTensors;
  const { code, out, err } = await inspect([runDir, '--layer', 'c1', '--sample', '2', '--json']);
  assert.equal(code, 0, err);
  assert.equal(out.split('\n').length, 2, 'one line');
  const result = JSON.parse(out) as InspectJson;
  assert.deepEqual(Object.keys(result), ['layer', 'shape', 'data', 'input', 'probs', 'label']);
  assert.deepEqual(Object.keys(result.input), ['shape', 'data']);
  assert.equal(result.layer, 'c1');
  assert.deepEqual(result.shape, [6, 6, 3]);
  assert.equal(result.data.length, 6 * 6 * 3);
  assert.deepEqual(result.input.shape, [8, 8, 1]);
  assert.equal(result.probs.length, 3);
  assert.equal(tf.memory().numTensors, before, 'the command frees what it loaded');

  const session = await AnalysisSession.open('reference', await loadRun(runDir, { assetsDir: '' }));
  const [expected, input, label] = tf.tidy(() => {
    const x = session.dataset.validation.xs.slice(2, 1);
    const [c1, probs] = referenceOutputs(session.graph.built.model, [session.graph.built.layers[0], session.graph.built.layers[3]].filter((l) => l !== undefined), x);
    return [[c1?.dataSync(), probs?.dataSync()], x.dataSync(), tf.argMax(session.dataset.validation.ys.slice(2, 1), -1).dataSync()[0]];
  });
  assert.ok(maxAbsDiff(result.data, expected[0] ?? []) < 1e-5, 'equals model.execute of c1 (HWC: channel fastest)');
  assert.ok(maxAbsDiff(result.probs, expected[1] ?? []) < 1e-6);
  assert.deepEqual(result.input.data, Array.from(input));
  assert.equal(result.label, label);

  // --input FILE (JSON) is fed as-is; label null. The same values as sample 2 give the same output.
  const file = join(dir, 'input.json');
  writeFileSync(file, JSON.stringify(result.input));
  const fromFile = await inspect([runDir, '--layer', 'c1', '--input', file, '--json']);
  assert.equal(fromFile.code, 0, fromFile.err);
  const parsed = JSON.parse(fromFile.out) as InspectJson;
  assert.equal(parsed.label, null);
  assert.deepEqual(parsed.input, result.input);
  assert.deepEqual(parsed.data, result.data);

  // A PNG converted as the images source converts (grey: BT.601 luma / 255).
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(255);
  const pngFile = join(dir, 'white.png');
  writeFileSync(pngFile, PNG.sync.write(png));
  const fromPng = await inspect([runDir, '--layer', 'p1', '--input', pngFile, '--json', '--epoch', '1']);
  assert.equal(fromPng.code, 0, fromPng.err);
  const pngResult = JSON.parse(fromPng.out) as InspectJson;
  assert.deepEqual(pngResult.shape, [3, 3, 3]);
  assert.ok(pngResult.input.data.every((v) => Math.abs(v - 1) < 1e-6));

  // Without --json: shape and one min/max/mean line per channel.
  const readable = await inspect([runDir, '--layer', 'c1']);
  assert.equal(readable.code, 0, readable.err);
  assert.match(readable.out, /^layer c1: shape \[6, 6, 3\] \(final model\)\n/);
  assert.equal(readable.out.split('\n').filter((line) => /^ +\d+ +-?\d/.test(line)).length, 3);
  session.dispose();
});

test('user errors exit 2 with one line on stderr', async () => {
  const dir = tempDir();
  const { runDir } = await writeRun(dir, 'tiny-cnn', CNN, { checkpoints: [1] });
  const { runDir: noModel } = await writeRun(dir, 'empty', CNN.replace('tiny-cnn', 'empty'), { finalModel: false });
  const wrongShape = join(dir, 'wrong.json');
  writeFileSync(wrongShape, JSON.stringify({ shape: [4, 4, 1], data: new Array<number>(16).fill(0) }));
  const cases: [string[], RegExp][] = [
    [[runDir, '--layer', 'nope'], /^layerlens inspect: unknown layer 'nope'; the model's layers are c1, p1, flatten_1, out$/],
    [[noModel, '--layer', 'c1'], /^layerlens inspect: .*empty holds no trained model \(no model\/ and no checkpoints\/epoch-N\/\)$/],
    [[dir, '--layer', 'c1'], /^layerlens inspect: .* is not a LayerLens run folder \(it has no spec\.yaml\)$/],
    [[runDir, '--layer', 'c1', '--input', wrongShape], /^layerlens inspect: input shape \[4, 4, 1\] does not match the model's input \[8, 8, 1\]$/],
    [[runDir, '--layer', 'c1', '--epoch', '7'], /^layerlens inspect: .* has no checkpoint for epoch 7 \(available: 1\)$/],
    [[runDir, '--layer', 'c1', '--sample', '99'], /^layerlens inspect: example 99 is out of range: the run has 10 validation examples \(0 to 9\)$/],
  ];
  for (const [args, expected] of cases) {
    const { code, out, err } = await inspect(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(out, '');
    assert.equal(err.split('\n').length, 2, `one line: ${err}`);
    assert.match(err.trimEnd(), expected);
  }
  for (const args of [[runDir], [runDir, '--layer', 'c1', '--sample', '1', '--input', wrongShape], [runDir, '--layer', 'c1', '--sample', 'x']]) {
    const { code, err } = await inspect(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /^layerlens inspect: .+\nusage: layerlens inspect RUN_DIR --layer ID/);
  }
});
