/**
 * Every sample teaches its lesson within its default epochs: each sample file found in samples/ (also those added
 * later) is trained with its own defaults on wasm, and the `# expect:` lines of its top comment must hold for the
 * last epoch. A sample without an `# expect:` line fails, so every sample states what it should show.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordingTrainer, workspace } from '../training/helpers';
import { holds, parseExpectations } from './expectation';

const SAMPLES = resolve('samples'); // tests run from the repository root
const sampleFiles = readdirSync(SAMPLES).filter((f) => /\.model\.(ya?ml|json)$/.test(f)).sort();
let assetsDir = '';

before(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'layerlens-sample-assets-'));
  const packed = spawnSync(process.execPath, [resolve('scripts/pack-mnist.mjs'), assetsDir], { encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
});
after(() => rmSync(assetsDir, { recursive: true, force: true }));

test('there are samples to check', () => assert.ok(sampleFiles.length >= 8, sampleFiles.join(', ')));

for (const file of sampleFiles) {
  test(`sample ${file} teaches its lesson at its defaults`, async () => {
    const text = readFileSync(join(SAMPLES, file), 'utf8');
    const expectations = parseExpectations(text);
    assert.ok(expectations.length > 0, `${file} states no "# expect: <metric> ≥ <number> after <N> epochs" line in its top comment`);
    const ws = workspace();
    try {
      // The sample's own folder as its base, so csv/images paths resolve as they do for a user.
      const recorder = recordingTrainer(ws, { assetsDir });
      const result = await recorder.run(join(SAMPLES, file), text, 'wasm', { runsDir: ws.runsDir });
      assert.equal(result.status, 'completed', `${file}: ${JSON.stringify(result)}`);
      const epochs = recorder.rows().filter((r) => r.kind === 'epoch');
      const last = epochs[epochs.length - 1];
      assert.ok(last, `${file} wrote no epoch row`);
      const measured = Object.entries(last.values).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ');
      console.log(`${file}: after ${last.epoch} epochs ${measured}`);
      for (const expectation of expectations) {
        assert.equal(last.epoch, expectation.epochs, `${file}: "${expectation.text}" but its default is ${last.epoch} epochs`);
        const actual = last.values[expectation.metric];
        assert.ok(actual !== undefined, `${file}: no ${expectation.metric} in the last epoch (${measured})`);
        assert.ok(holds(expectation, actual), `${file}: "${expectation.text}" but measured ${expectation.metric} ${actual}`);
      }
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
}
