/**
 * Every sample teaches its lesson within its default epochs: each sample file found in samples/ (also those added
 * later) is trained with its own defaults on wasm, and the `# expect:` lines of its top comment must hold for the
 * last epoch. A sample without an `# expect:` line fails, so every sample states what it should show. Samples train
 * in child processes, as many at a time as there are cores (tfjs-wasm uses one), so CI's 2 cores both work.
 */
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { holds, parseExpectations } from './expectation';
import type { SampleOutcome } from './train-sample';

const SAMPLES = resolve('samples'); // tests run from the repository root
const sampleFiles = readdirSync(SAMPLES).filter((f) => /\.model\.(ya?ml|json)$/.test(f)).sort();
const scratch = mkdtempSync(join(tmpdir(), 'layerlens-samples-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const packed = spawnSync(process.execPath, [resolve('scripts/pack-mnist.mjs'), scratch], { encoding: 'utf8' });
const runner = join(__dirname, 'train-sample.js');

/** A tiny pool: at most `limit` trainings at once; each sample's promise starts when a slot frees. */
function pool(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (running >= limit) await new Promise<void>((r) => waiting.push(r));
    running++;
    try { return await job(); } finally { running--; waiting.shift()?.(); }
  };
}
const slot = pool(Math.max(2, availableParallelism()));

function train(file: string): Promise<SampleOutcome> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [runner, join(SAMPLES, file), scratch, join(scratch, 'runs')], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (error) reject(new Error(`${file}: ${error.message}\n${stderr}`));
      else resolvePromise(JSON.parse(last) as SampleOutcome);
    });
  });
}

// Start them all now (two at a time); each test below awaits its own.
const outcomes = new Map(sampleFiles.map((file) => {
  const outcome = slot(() => train(file));
  outcome.catch(() => undefined); // reported by its test
  return [file, outcome] as const;
}));

test('there are samples to check, and MNIST is packed for them', () => {
  assert.equal(packed.status, 0, packed.stderr);
  assert.ok(sampleFiles.length >= 8, sampleFiles.join(', '));
});

for (const file of sampleFiles) {
  test(`sample ${file} teaches its lesson at its defaults`, async () => {
    const expectations = parseExpectations(readFileSync(join(SAMPLES, file), 'utf8'));
    assert.ok(expectations.length > 0, `${file} states no "# expect: <metric> ≥ <number> after <N> epochs" line in its top comment`);
    const outcome = await (outcomes.get(file) ?? Promise.reject(new Error('not started')));
    assert.equal(outcome.status, 'completed', `${file}: ${JSON.stringify(outcome)}`);
    const last = outcome.lastEpoch;
    assert.ok(last, `${file} wrote no epoch row`);
    const measured = Object.entries(last.values).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ');
    console.log(`${file}: after ${last.epoch} epochs ${measured}`);
    for (const expectation of expectations) {
      assert.equal(last.epoch, expectation.epochs, `${file}: "${expectation.text}" but its default is ${last.epoch} epochs`);
      const actual = last.values[expectation.metric];
      assert.ok(actual !== undefined, `${file}: no ${expectation.metric} in the last epoch (${measured})`);
      assert.ok(holds(expectation, actual), `${file}: "${expectation.text}" but measured ${expectation.metric} ${actual}`);
    }
  });
}
