// Run folders on disk: naming, meta.json updates, metrics.jsonl reading after a crash, listing, crash marking,
// and the readers' independence from TensorFlow.js (the extension host imports them).
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import type { MetricRow } from '../../../runtime/protocol';
import {
  createRunDir, listRuns, markCrashed, MetricsWriter, metricsPath, readLayerStats, readMeta, readMetrics, runTimestamp,
  truncateMetrics, writeLayerStats, writeMeta, type RunMeta,
} from '../../../runtime/runs';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'layerlens-runs-'));

function meta(overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    name: 'xor', modelFile: '/work/xor.model.yaml', runId: 'r', backend: 'cpu', device: 'test CPU', software: false, reasons: [],
    versions: {}, seed: 1, status: 'running', startedAt: '2026-11-26T22:15:30.000Z', epochsPlanned: 3, epochsDone: 0, final: {},
    ...overrides,
  };
}

const row = (step: number, epoch = 1): MetricRow => ({ kind: 'batch', step, epoch, batch: step, values: { loss: 1 / step }, time: 1_700_000_000_000 + step });

test('run folders are named <timestamp>-<name> and stay unique within one second', () => {
  const runsDir = join(tempDir(), 'runs');
  const date = new Date(2026, 10, 26, 22, 15, 30);
  assert.equal(runTimestamp(date), '20261126-221530');
  const first = createRunDir(runsDir, 'mnist cnn/v2', date);
  const second = createRunDir(runsDir, 'mnist cnn/v2', date);
  assert.equal(basename(first), '20261126-221530-mnist-cnn-v2');
  assert.equal(basename(second), '20261126-221530-mnist-cnn-v2-2');
  assert.deepEqual(readdirSync(runsDir).sort(), [basename(first), basename(second)]);
});

test('readMetrics returns every complete row and skips a torn last line', () => {
  const runDir = tempDir();
  const writer = new MetricsWriter(metricsPath(runDir));
  [1, 2, 3].forEach((step) => writer.append(row(step)));
  writer.close();
  appendFileSync(metricsPath(runDir), '{"kind":"batch","step":4,"epo'); // killed mid-write
  assert.deepEqual(readMetrics(runDir), [row(1), row(2), row(3)]);
  assert.deepEqual(readMetrics(tempDir()), [], 'a run without metrics.jsonl has no rows');
});

test('truncateMetrics keeps rows up to a checkpoint step', () => {
  const runDir = tempDir();
  const writer = new MetricsWriter(metricsPath(runDir));
  [1, 2, 3, 4, 5].forEach((step) => writer.append(row(step)));
  writer.close();
  truncateMetrics(runDir, 3);
  assert.deepEqual(readMetrics(runDir).map((r) => r.step), [1, 2, 3]);
});

test('meta.json is replaced atomically and leaves no temporary files', () => {
  const runDir = tempDir();
  writeMeta(runDir, meta());
  writeMeta(runDir, meta({ epochsDone: 2, final: { loss: 0.5 } }));
  assert.deepEqual(readdirSync(runDir), ['meta.json']);
  assert.deepEqual([readMeta(runDir).epochsDone, readMeta(runDir).final], [2, { loss: 0.5 }]);
  writeFileSync(join(runDir, 'meta.json'), '{"hello": 1}');
  assert.throws(() => readMeta(runDir), /not a LayerLens run/);
});

test('markCrashed marks a running run crashed, and leaves ended runs alone', () => {
  const running = tempDir();
  writeMeta(running, meta());
  assert.equal(markCrashed(running, 'the runtime process exited with code 137', new Date('2026-11-26T23:00:00Z')), true);
  const crashed = readMeta(running);
  assert.deepEqual([crashed.status, crashed.message, crashed.endedAt], ['crashed', 'the runtime process exited with code 137', '2026-11-26T23:00:00.000Z']);
  const completed = tempDir();
  writeMeta(completed, meta({ status: 'completed' }));
  assert.equal(markCrashed(completed, 'late'), false);
  assert.equal(readMeta(completed).status, 'completed');
  assert.equal(markCrashed(tempDir(), 'no meta'), false);
});

test('listRuns lists runs newest first, filters by model file and skips other folders', () => {
  const runsDir = tempDir();
  const add = (name: string, overrides: Partial<RunMeta>): string => {
    const dir = join(runsDir, name);
    mkdirSync(dir);
    writeMeta(dir, meta({ runId: name, ...overrides }));
    return dir;
  };
  const older = add('20261126-100000-xor', { startedAt: '2026-11-26T10:00:00.000Z' });
  const newer = add('20261126-120000-xor', { startedAt: '2026-11-26T12:00:00.000Z' });
  const other = add('20261126-110000-cnn', { startedAt: '2026-11-26T11:00:00.000Z', modelFile: '/work/cnn.model.yaml' });
  mkdirSync(join(runsDir, 'not-a-run'));
  assert.deepEqual(listRuns(runsDir).map((r) => r.runDir), [newer, other, older]);
  assert.deepEqual(listRuns(runsDir, '/work/xor.model.yaml').map((r) => r.runDir), [newer, older]);
  assert.deepEqual(listRuns(join(runsDir, 'missing')), []);
});

test('a running run whose runtime process is gone is listed as crashed; a live one stays running', () => {
  const runsDir = tempDir();
  const gone = spawnSync(process.execPath, ['-e', '']).pid; // exited before we look
  const add = (name: string, pid: number | undefined): void => {
    mkdirSync(join(runsDir, name));
    writeMeta(join(runsDir, name), meta({ runId: name, ...(pid !== undefined ? { pid } : {}) }));
  };
  add('20261126-100000-orphan', gone);
  add('20261126-110000-live', process.pid);
  add('20261126-120000-old', undefined); // written before runs recorded their pid: unknown, so left as it is
  const statuses = Object.fromEntries(listRuns(runsDir).map((r) => [r.meta.runId, r.meta.status]));
  assert.deepEqual(statuses, { '20261126-100000-orphan': 'crashed', '20261126-110000-live': 'running', '20261126-120000-old': 'running' });
  assert.equal(readMeta(join(runsDir, '20261126-100000-orphan')).status, 'running', 'listing does not rewrite meta.json');
});

test('layer-stats.json round-trips and is undefined when absent', () => {
  const runDir = tempDir();
  assert.equal(readLayerStats(runDir), undefined);
  const stats = {
    epoch: 3, batchSize: 32, split: 'validation' as const,
    layers: [{ id: 'c1', activationMean: 0.2, activationStd: 0.4, zeroFraction: 0.5, weightNorm: 3, gradientNorm: 0.01 }],
  };
  writeLayerStats(runDir, stats);
  assert.deepEqual(readLayerStats(runDir), stats);
});

test('the run readers do not pull in TensorFlow.js (the extension host imports them)', async () => {
  const result = await build({
    entryPoints: [join(process.cwd(), 'runtime', 'runs', 'index.ts')], bundle: true, platform: 'node', format: 'cjs',
    packages: 'external', write: false, metafile: true, logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const external = (output?.imports ?? []).map((i) => i.path);
  assert.ok(external.length > 0, 'node built-ins are listed');
  assert.deepEqual(external.filter((p) => !p.startsWith('node:')), []);
});

test('a writer killed with SIGKILL leaves parseable metrics.jsonl and meta.json', async () => {
  const dir = tempDir();
  const runDir = join(dir, 'run');
  mkdirSync(runDir);
  const moduleFile = join(dir, 'runs.cjs');
  await build({
    entryPoints: [join(process.cwd(), 'runtime', 'runs', 'index.ts')], bundle: true, platform: 'node', format: 'cjs',
    outfile: moduleFile, logLevel: 'silent',
  });
  // The child appends rows and rewrites meta.json as fast as it can until it is killed.
  const script = `
    const runs = require(${JSON.stringify(moduleFile)});
    const runDir = ${JSON.stringify(runDir)};
    const base = ${JSON.stringify(meta())};
    const writer = new runs.MetricsWriter(runs.metricsPath(runDir));
    for (let step = 1; ; step++) {
      writer.append({ kind: 'batch', step, epoch: 1, batch: step, values: { loss: 1 / step, note: 'x'.repeat(step % 500) }, time: step });
      if (step % 50 === 0) runs.writeMeta(runDir, { ...base, epochsDone: step });
      if (step === 200) process.send('going');
    }`;
  const scriptFile = join(dir, 'writer.cjs');
  writeFileSync(scriptFile, script);
  const child = fork(scriptFile, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const rows = readMetrics(runDir);
  assert.ok(rows.length >= 200, `${rows.length} rows`);
  assert.deepEqual(rows.map((r) => r.step), Array.from({ length: rows.length }, (_, i) => i + 1));
  assert.ok(readMeta(runDir).epochsDone >= 200);
});
