// The checker worker: checks arrive asynchronously while the calling thread stays free, a stuck worker is replaced
// after the timeout, and a crash becomes a diagnostic (issue 11: hostile files froze the extension host).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { CheckWorkerClient } from '../../../extension/language/check-worker/check-worker-client';
import { WORST_CASES } from '../../fixtures/hostile-models';

const ROOT = resolve(__dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'layerlens-worker-'));

async function workerBundle(): Promise<string> {
  const outfile = join(dir, 'check-worker.js');
  await build({ entryPoints: [join(ROOT, 'extension/language/check-worker/worker-main.ts')], outfile, bundle: true,
    platform: 'node', format: 'cjs', logLevel: 'silent', absWorkingDir: ROOT });
  return outfile;
}

test('worst-case files are checked in the worker while this thread keeps running', async () => {
  const client = new CheckWorkerClient(await workerBundle());
  try {
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 5);
    const pending = ['unknownFromRefs2000', 'manyKeys100k', 'cycle5000'].map((name) => client.check(WORST_CASES[name]?.() ?? '', 'w.model.yaml'));
    const checks = await Promise.all(pending);
    clearInterval(ticker);
    assert.ok(ticks > 0, 'the event loop ran while the worker checked');
    for (const check of checks) {
      assert.ok(check.diagnostics.some((d) => d.severity === 'error'));
      assert.ok(check.diagnostics.every((d) => !/could not check|took longer|internal error/.test(d.message)), check.diagnostics[0]?.message);
    }
    const good = await client.check('task: regression\ninput: [2]\nlayers: [{ dense: { units: 1 } }]\n', 'ok.model.yaml');
    assert.deepEqual(good.diagnostics, []);
    assert.equal(good.totals.params, 3);
  } finally {
    client.dispose();
  }
});

test('a stuck check is abandoned after the timeout, the next one gets a fresh worker, a crash is a diagnostic', async () => {
  const script = join(dir, 'stuck-worker.js');
  writeFileSync(script, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (r) => {
  if (r.text === 'hang') for (;;) {}
  if (r.text === 'crash') process.exit(3);
  parentPort.postMessage({ id: r.id, ok: true, check: { name: r.text, layers: [], outputShape: null, totals: {}, diagnostics: [] } });
});`);
  const client = new CheckWorkerClient(script, 300);
  try {
    const [hung, after] = await Promise.all([client.check('hang', 'a.model.yaml'), client.check('fine', 'b.model.yaml')]);
    assert.match(hung.diagnostics[0]?.message ?? '', /took longer than 0\.3 s and was stopped/);
    assert.equal(after.name, 'fine');
    const crashed = await client.check('crash', 'c.model.yaml');
    assert.match(crashed.diagnostics[0]?.message ?? '', /checker stopped/);
    assert.equal((await client.check('again', 'd.model.yaml')).name, 'again');
  } finally {
    client.dispose();
  }
});
