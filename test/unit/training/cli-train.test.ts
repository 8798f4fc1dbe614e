// `layerlens train`: exit codes, per-epoch lines or a progress bar, and the --json result line.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runTrain, type TrainIo } from '../../../runtime/cli/train';
import { readMeta } from '../../../runtime/runs';
import { workspace, xorModel } from './helpers';

function captureIo(isTTY: boolean): TrainIo & { out: string; err: string } {
  const io = {
    out: '', err: '', isTTY,
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
    readFile: (path: string) => readFileSync(path, 'utf8'),
  };
  return io;
}

test('--json ends stdout with one JSON line naming the run folder, backend and final metrics', async () => {
  const ws = workspace();
  const file = ws.modelFile('xor', xorModel({ epochs: 5, seed: 1 }));
  const io = captureIo(false);
  const code = await runTrain([file, '--epochs', '2', '--backend', 'cpu', '--json'], io);
  assert.equal(code, 0, io.err);
  const lines = io.out.trimEnd().split('\n');
  assert.equal(lines.length, 1, `stdout: ${io.out}`);
  const result = JSON.parse(lines[0] ?? '') as { runDir: string; backend: string; device: string; status: string; final: Record<string, number> };
  assert.equal(result.backend, 'cpu');
  assert.equal(result.status, 'completed');
  assert.ok(result.device.length > 0);
  assert.deepEqual(Object.keys(result.final).sort(), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  // Default runs folder: <folder of FILE>/.layerlens/runs.
  assert.equal(dirname(result.runDir), join(ws.dir, '.layerlens', 'runs'));
  assert.equal(readMeta(result.runDir).epochsDone, 2);
  assert.match(io.err, /epoch 2\/2 {2}loss /, 'progress goes to stderr with --json');
});

test('without a terminal: one line per epoch, the final metrics and the run folder; --out picks the runs folder', async () => {
  const ws = workspace();
  const file = ws.modelFile('xor', xorModel({ epochs: 2, seed: 1 }));
  const out = join(ws.dir, 'elsewhere');
  const io = captureIo(false);
  assert.equal(await runTrain([file, '--backend', 'cpu', '--out', out], io), 0, io.err);
  assert.ok(!io.out.includes('\r'), 'no progress bar');
  assert.match(io.out, /^training on cpu \(.+\)\n/);
  assert.match(io.out, /\nepoch 1\/2 {2}loss \d\.\d{4} {2}accuracy \d\.\d{4} {2}val_loss \d\.\d{4} {2}val_accuracy \d\.\d{4}\n/);
  assert.match(io.out, /\nepoch 2\/2 /);
  const folder = /\nrun folder: (.+)\n$/.exec(io.out)?.[1] ?? '';
  assert.equal(dirname(folder), out);
  assert.ok(existsSync(join(folder, 'meta.json')));
  assert.match(io.out, /\nfinal: loss /);
});

test('on a terminal a progress bar is redrawn in place', async () => {
  const ws = workspace();
  const file = ws.modelFile('xor', xorModel({ epochs: 1, seed: 1, batchSize: 4 }));
  const io = captureIo(true);
  assert.equal(await runTrain([file, '--backend', 'cpu'], io), 0, io.err);
  const clearLine = '\r\u001b[K';
  const bars = io.out.split(clearLine).slice(1).filter((part) => part.startsWith('epoch 1/1 ['));
  assert.ok(bars.length > 0, JSON.stringify(io.out));
  for (const bar of bars) assert.match(bar, /^epoch 1\/1 \[[#-]{24}\] \d+\/20 {2}loss \d\.\d{4} {2}\d+ samples\/s/);
});

test('usage errors exit 2; a model file with errors exits 1 with FILE:LINE:COL', async () => {
  const io = captureIo(false);
  assert.equal(await runTrain(['--epochs', '0', 'x.model.yaml'], io), 2);
  assert.match(io.err, /--epochs must be a whole number/);
  assert.equal(await runTrain([], captureIo(false)), 2);
  assert.equal(await runTrain(['a.model.yaml', '--backend', 'gpu'], captureIo(false)), 2);
  const ws = workspace();
  const file = ws.modelFile('bad', xorModel({ epochs: 1 }).replace('units: 16', 'units: zero'));
  const bad = captureIo(false);
  assert.equal(await runTrain([file, '--backend', 'cpu', '--json'], bad), 1);
  assert.match(bad.err, new RegExp(`error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:\\d+: `));
  assert.equal((JSON.parse(bad.out.trim()) as { status: string }).status, 'failed');
  assert.equal(await runTrain([join(ws.dir, 'missing.model.yaml')], captureIo(false)), 1);
});
