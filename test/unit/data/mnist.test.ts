import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, MNIST_PACK_FILE, type LoadContext } from '../../../runtime/data';
import { loadMnist } from '../../../runtime/data/mnist';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
let assetsDir = '';

/** The `mnist` package's own digits of one class: a flat array of 28×28 values in 0..1. */
function packageDigits(digit: number): number[] {
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  return (JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
}

const ctx = (inputShape: number[]): LoadContext => ({
  baseDir: '/nonexistent', assetsDir, inputShape, task: 'classification', seed: 3,
});

before(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'layerlens-mnist-'));
  const script = resolve('scripts/pack-mnist.mjs'); // tests run from the repository root
  const result = spawnSync(process.execPath, [script, assetsDir], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

after(() => rmSync(assetsDir, { recursive: true, force: true }));

test('the packed file is compact', () => {
  const size = statSync(join(assetsDir, MNIST_PACK_FILE)).size;
  assert.ok(size > 500_000 && size < 8_000_000, `${size} bytes`);
});

test('packed digits and labels match the mnist package', async () => {
  const raw = await loadMnist(assetsDir, undefined, 1);
  assert.equal(raw.count, 10_000);
  assert.deepEqual(raw.sampleShape, [28, 28, 1]);
  assert.equal(raw.targets.type, 'classes');
  if (raw.targets.type !== 'classes') return;
  // The pack orders digits by class, then by their position in the package.
  const firstOfClass = PACKAGE_COUNTS.map((_, d) => PACKAGE_COUNTS.slice(0, d).reduce((a, b) => a + b, 0));
  for (const [digit, position] of [[0, 0], [3, 17], [5, 862], [9, 977]] as const) {
    const expected = packageDigits(digit).slice(position * 784, (position + 1) * 784);
    const index = (firstOfClass[digit] ?? 0) + position;
    assert.equal(raw.targets.labels[index], digit);
    const actual = raw.features.subarray(index * 784, (index + 1) * 784);
    expected.forEach((value, p) => assert.ok(Math.abs((actual[p] ?? -1) - value) < 0.001, `digit ${digit}#${position} pixel ${p}`));
    assert.ok(expected.some((v) => v > 0.5), 'the digit is not blank');
  }
});

test('loadDataset splits mnist stratified, images and labels stay paired', async () => {
  const data = await loadDataset({ source: 'mnist', validationSplit: 0.2 }, ctx([28, 28, 1]));
  try {
    assert.deepEqual(data.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual(data.validation.xs.shape[0], 2000);
    assert.deepEqual(data.train.xs.shape, [8000, 28, 28, 1]);
    assert.deepEqual(data.train.ys.shape, [8000, 10]);
    PACKAGE_COUNTS.forEach((count, digit) => {
      const held = data.classCounts.validation[digit] ?? -1;
      assert.ok(held === Math.floor(count * 0.2) || held === Math.ceil(count * 0.2), `class ${digit}: ${held}`);
      assert.equal((data.classCounts.train[digit] ?? 0) + (data.classCounts.validation[digit] ?? 0), count);
    });
    // A few validation examples: their pixels must be a digit of the labelled class in the package.
    const ys = data.validation.ys.arraySync() as number[][];
    const xs = data.validation.xs.dataSync();
    for (const row of [0, 1, 2]) {
      const label = (ys[row] ?? []).indexOf(1);
      const pixels = xs.subarray(row * 784, (row + 1) * 784);
      const candidates = packageDigits(label);
      let found = false;
      for (let start = 0; start < candidates.length && !found; start += 784) {
        found = pixels.every((v, p) => Math.abs(v - (candidates[start + p] ?? -1)) < 0.001);
      }
      assert.ok(found, `validation example ${row} (label ${label}) is a package digit of that class`);
    }
  } finally {
    data.dispose();
  }
});

test('mnist feeds a flat [784] input and takes a stratified subset', async () => {
  const before = tf.memory().numTensors;
  const data = await loadDataset({ source: 'mnist', samples: 1000 }, ctx([784]));
  assert.deepEqual(data.train.xs.shape, [900, 784]);
  PACKAGE_COUNTS.forEach((count, digit) => {
    const taken = (data.classCounts.train[digit] ?? 0) + (data.classCounts.validation[digit] ?? 0);
    assert.ok(taken === Math.floor(count / 10) || taken === Math.ceil(count / 10), `class ${digit}: ${taken}`);
  });
  data.dispose();
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(loadDataset({ source: 'mnist' }, ctx([32, 32, 1])), /\[28, 28, 1\].*\[32, 32, 1\]/);
});

test('a missing or corrupt pack is a DataError that says to build', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'layerlens-nomnist-'));
  try {
    await assert.rejects(
      loadDataset({ source: 'mnist' }, { ...ctx([28, 28, 1]), assetsDir: empty }),
      (error: Error) => error.name === 'DataError' && /npm run build/.test(error.message) && error.message.includes(empty),
    );
    writeFileSync(join(empty, MNIST_PACK_FILE), gzipSync(Buffer.from('LLM1 truncated')));
    await assert.rejects(loadDataset({ source: 'mnist' }, { ...ctx([28, 28, 1]), assetsDir: empty }), /corrupt/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
