// A corrupt checkpoint does not break resume: the newest usable one is restored, the result says which and why
// (naming the file), rows continue without loss or duplicates; when none is usable the run fails with every reason,
// and the CLI still ends --json with its line (issue 11, finding 2).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runTrain } from '../../runtime/cli/train';
import type { MetricRow } from '../../runtime/protocol';
import { readMeta, readMetrics } from '../../runtime/runs';
import { recordingTrainer, workspace, xorModel } from '../unit/training/helpers';

const epochsOf = (rows: readonly MetricRow[]) => rows.filter((r) => r.kind === 'epoch').map((r) => r.epoch);

async function threeEpochRun() {
  const ws = workspace();
  const text = xorModel({ epochs: 5, seed: 9 });
  const file = ws.modelFile('xor', text);
  const recorder = recordingTrainer(ws);
  const first = await recorder.run(file, text, 'cpu', { epochs: 3 });
  assert.equal(first.status, 'completed', first.message);
  return { ws, text, file, recorder, runDir: first.runDir };
}

test('a truncated weights.bin: resume falls back to the previous checkpoint and says which file was wrong', async () => {
  const { text, file, recorder, runDir } = await threeEpochRun();
  truncateSync(join(runDir, 'checkpoints', 'epoch-3', 'weights.bin'), 100);
  const resumed = await recorder.run(file, text, 'cpu', { resumeRunDir: runDir, epochs: 5 });
  assert.equal(resumed.status, 'completed', resumed.message);
  const meta = readMeta(runDir);
  assert.match(meta.resumedFrom ?? '', /^resumed from checkpoints\/epoch-2; newer checkpoints were unusable: checkpoints\/epoch-3\/weights\.bin: 100 bytes where its manifest needs [\d,]+ \(truncated\)$/);
  const logs = recorder.messages.flatMap((m) => (m.type === 'log' && m.level === 'warn' ? [m.message] : []));
  assert.ok(logs.some((l) => l.includes('checkpoints/epoch-3/weights.bin')), logs.join('\n'));
  const rows = readMetrics(runDir);
  assert.deepEqual(epochsOf(rows), [1, 2, 3, 4, 5]);
  const steps = rows.filter((r) => r.kind === 'batch').map((r) => r.step);
  assert.deepEqual(steps, Array.from({ length: 25 }, (_, i) => i + 1), 'epoch 3 retrained from epoch 2: no lost or duplicated steps');
});

test('no usable checkpoint: a failed result listing each file, meta.json failed, and the CLI --json line', async () => {
  const { text, file, recorder, runDir } = await threeEpochRun();
  for (const epoch of [1, 2, 3]) {
    const dir = join(runDir, 'checkpoints', `epoch-${epoch}`);
    if (!readdirSync(join(runDir, 'checkpoints')).includes(`epoch-${epoch}`)) continue;
    if (epoch === 1) writeFileSync(join(dir, 'state.json'), '{ "epoch": ');
    else truncateSync(join(dir, 'weights.bin'), 8);
  }
  const resumed = await recorder.run(file, text, 'cpu', { resumeRunDir: runDir });
  assert.equal(resumed.status, 'failed');
  assert.match(resumed.message ?? '', /no usable checkpoint in .*checkpoints\/epoch-3\/weights\.bin: 8 bytes .*; checkpoints\/epoch-2\/weights\.bin: 8 bytes .*; checkpoints\/epoch-1\/state\.json: unreadable/);
  assert.equal(readMeta(runDir).status, 'failed');

  const out: string[] = [];
  const code = await runTrain(['--resume', runDir, '--backend', 'cpu', '--json'],
    { stdout: (t) => out.push(t), stderr: () => undefined, readFile: (p) => readFileSync(p, 'utf8'), isTTY: false });
  assert.equal(code, 1);
  const last = JSON.parse(out.join('').trim().split('\n').at(-1) ?? '') as { status: string; message: string; runDir: string };
  assert.equal(last.status, 'failed');
  assert.equal(last.runDir, runDir);
  assert.match(last.message, /no usable checkpoint/);
});
