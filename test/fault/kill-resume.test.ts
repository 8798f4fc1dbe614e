// kill -9 in the middle of an epoch, then `layerlens train --resume RUN_DIR`: no metric row lost or duplicated, the
// total epochs of the first command (--epochs) kept, stale *.tmp removed (issue 11, findings 2-3 and "the CLI cannot
// resume"). Runs the real CLI bundle (dist/cli.js) in child processes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readMeta, readMetrics } from '../../runtime/runs';
import { workspace, xorModel } from '../unit/training/helpers';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The newest run folder's path once its metrics.jsonl holds a batch row of `epoch`. */
async function waitForEpoch(runsDir: string, epoch: number, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = existsSync(runsDir) ? readdirSync(runsDir) : [];
    const runDir = runs.length > 0 ? join(runsDir, runs.sort().at(-1) ?? '') : undefined;
    if (runDir && readMetrics(runDir).some((r) => r.kind === 'batch' && r.epoch === epoch)) return runDir;
    if (Date.now() > deadline) throw new Error(`no epoch ${epoch} rows in ${runsDir}`);
    await sleep(20);
  }
}

test('kill -9 mid-epoch, then train --resume: every step once, --epochs kept, stale *.tmp removed', { skip: !existsSync(CLI) && 'run npm run build first' }, async () => {
  const ws = workspace();
  // 1,600 training examples in batches of 8: 200 batches an epoch, so the kill lands inside one.
  const text = xorModel({ epochs: 3, seed: 12, samples: 2000, batchSize: 8 });
  const file = ws.modelFile('xor', text);
  const child = spawn(process.execPath, [CLI, 'train', file, '--backend', 'cpu', '--epochs', '5', '--out', ws.runsDir], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  let runDir: string;
  try {
    runDir = await waitForEpoch(ws.runsDir, 3);
  } finally {
    child.kill('SIGKILL');
  }
  assert.equal(await exited, 'SIGKILL');
  const killed = readMetrics(runDir);
  assert.ok(killed.some((r) => r.epoch === 3 && r.kind === 'batch'), 'killed during epoch 3');
  assert.ok(!killed.some((r) => r.epoch === 3 && r.kind === 'epoch'), 'before epoch 3 ended');
  assert.equal(readMeta(runDir).status, 'running', 'nobody could mark it');
  // What a kill mid-write leaves: temp files next to meta.json and a half checkpoint folder.
  writeFileSync(join(runDir, 'meta.json.4242.0.tmp'), '{"half');
  mkdirSync(join(runDir, 'checkpoints', 'epoch-3.tmp'), { recursive: true });

  const resumed = spawnSync(process.execPath, [CLI, 'train', '--resume', runDir, '--backend', 'cpu', '--json'], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(resumed.status, 0, resumed.stderr);
  const line = JSON.parse(resumed.stdout.trim().split('\n').at(-1) ?? '') as { status: string; runDir: string };
  assert.deepEqual([line.status, line.runDir], ['completed', runDir]);
  const rows = readMetrics(runDir);
  assert.deepEqual(rows.filter((r) => r.kind === 'epoch').map((r) => r.epoch), [1, 2, 3, 4, 5], 'the 5 epochs of --epochs 5');
  const steps = rows.filter((r) => r.kind === 'batch').map((r) => r.step);
  assert.deepEqual(steps, Array.from({ length: 5 * 200 }, (_, i) => i + 1), 'no step lost or duplicated');
  const meta = readMeta(runDir);
  assert.deepEqual([meta.status, meta.epochsPlanned, meta.epochsDone], ['completed', 5, 5]);
  assert.ok(!existsSync(join(runDir, 'meta.json.4242.0.tmp')));
  assert.ok(!existsSync(join(runDir, 'checkpoints', 'epoch-3.tmp')));
  // Bounded disk: the last 3 checkpoints (the best is among them here or kept besides), the rest pruned and recorded.
  const kept = readdirSync(join(runDir, 'checkpoints'));
  assert.ok(kept.length <= 4 && ['epoch-3', 'epoch-4', 'epoch-5'].every((e) => kept.includes(e)), kept.join(', '));
  assert.ok((meta.prunedCheckpoints ?? []).length >= 1, JSON.stringify(meta.prunedCheckpoints));
  assert.ok(readFileSync(join(runDir, 'meta.json'), 'utf8').includes('"prunedCheckpoints"'));
});
