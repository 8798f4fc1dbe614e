// The extension host's async run reader: same listing as listRuns, and files parsed again only when they changed.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunFolders } from '../../../extension/runs/run-folders';
import { listRuns, metricsPath, writeMeta, type RunMeta } from '../../../runtime/runs';

function meta(runId: string, overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    name: 'xor', modelFile: '/work/xor.model.yaml', runId, backend: 'cpu', device: 'test CPU', software: false, reasons: [],
    versions: {}, seed: 1, status: 'completed', startedAt: `2026-11-26T22:15:3${runId.length % 10}.000Z`, epochsPlanned: 3,
    epochsDone: 3, final: {}, ...overrides,
  };
}

test('listRuns matches the synchronous reader; metrics are re-read only after the file changed', async () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'layerlens-run-folders-'));
  for (const [name, overrides] of [['a', {}], ['bb', { modelFile: '/work/other.model.yaml' }], ['ccc', {}]] as const) {
    mkdirSync(join(runsDir, name));
    writeMeta(join(runsDir, name), meta(name, overrides));
  }
  mkdirSync(join(runsDir, 'not-a-run'));
  const folders = new RunFolders();
  assert.deepEqual(await folders.listRuns(runsDir, '/work/xor.model.yaml'), listRuns(runsDir, '/work/xor.model.yaml'));
  assert.deepEqual(await folders.listRuns(join(runsDir, 'missing')), []);

  const runDir = join(runsDir, 'a');
  const line = (step: number) => `${JSON.stringify({ kind: 'batch', step, epoch: 1, batch: step, values: { loss: 1 }, time: 1 })}\n`;
  appendFileSync(metricsPath(runDir), line(1));
  const first = await folders.metrics(runDir);
  assert.equal(first.length, 1);
  assert.equal(await folders.metrics(runDir), first, 'unchanged file: the parsed rows are reused');
  appendFileSync(metricsPath(runDir), line(2));
  utimesSync(metricsPath(runDir), new Date(), new Date(Date.now() + 5000));
  assert.equal((await folders.metrics(runDir)).length, 2, 'a changed file is read again');
  assert.deepEqual(await folders.metrics(join(runsDir, 'bb')), [], 'no metrics.jsonl: no rows');
});
