// The session cache keeps at most two runs loaded, most recently used first, and disposes what it evicts or closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadRun, SessionCache } from '../../../runtime/analysis';
import { selectBackend } from '../../../runtime/backends';
import { tempDir, writeRun } from './fixtures';

const xor = (units: number): string => `name: xor${units}
task: classification
input: [2]
data: { source: xor, samples: 40, validationSplit: 0.25 }
layers:
  - dense: { id: hidden, units: ${units}, activation: tanh }
  - dense: { id: out, units: 2, activation: softmax }
train: { seed: 3 }
`;

test('at most two runs stay loaded; the least recently used is disposed; reopening switches epochs in place', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const dir = tempDir();
  const runs = await Promise.all([4, 5, 6].map((units) => writeRun(dir, `xor${units}`, xor(units), { checkpoints: [1, 2] })));
  const loads: string[] = [];
  const cache = new SessionCache((runDir, epoch) => {
    loads.push(runDir);
    return loadRun(runDir, { assetsDir: '/nonexistent', ...(epoch !== undefined ? { epoch } : {}) });
  });
  const before = tf.memory().numTensors;
  const [a, b, c] = runs.map((run) => run.runDir) as [string, string, string];
  const first = await cache.open(a, undefined);
  const second = await cache.open(b, 1);
  assert.deepEqual(cache.ids, [second.id, first.id]);
  assert.equal(cache.get(first.id), first); // first is now the most recently used
  const third = await cache.open(c, undefined);
  assert.deepEqual(cache.ids, [third.id, first.id]);
  assert.equal(second.isDisposed, true, 'the least recently used session was disposed');
  assert.throws(() => cache.get(second.id), /no open analysis session 'session-2' \(closed, or evicted by newer runs\)/);

  // The same run again: same session, other weights, no second load.
  const again = await cache.open(a, 2);
  assert.equal(again, first);
  assert.equal(again.epoch, 2);
  assert.deepEqual(loads, [a, b, c]);
  await assert.rejects(cache.open(a, 9), { message: `${a} has no checkpoint for epoch 9 (available: 1, 2)` });

  assert.equal(cache.close(third.id), true);
  assert.equal(third.isDisposed, true);
  assert.equal(cache.close(third.id), false);
  cache.clear();
  assert.equal(first.isDisposed, true);
  assert.deepEqual(cache.ids, []);
  assert.equal(tf.memory().numTensors, before, 'evicted and closed sessions free every tensor');
});

test('two opens of one run at once share one load', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const { runDir } = await writeRun(tempDir(), 'xor4', xor(4));
  let loads = 0;
  const cache = new SessionCache((dir) => {
    loads++;
    return loadRun(dir, { assetsDir: '/nonexistent' });
  });
  const [one, two] = await Promise.all([cache.open(runDir, undefined), cache.open(runDir, undefined)]);
  assert.equal(one, two);
  assert.equal(loads, 1);
  cache.clear();
});
