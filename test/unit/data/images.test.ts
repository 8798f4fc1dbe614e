import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';
import { DataError, loadDataset, type LoadContext } from '../../../runtime/data';

let dir = '';
const ctx = (inputShape: number[]): LoadContext => ({
  baseDir: dir, assetsDir: dir, inputShape, task: 'classification', seed: 8,
});

/** A solid-colour image as RGBA bytes. */
function solid(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([r, g, b, 255], 4 * p);
  return rgba;
}

function writePng(file: string, width: number, height: number, colour: [number, number, number]): void {
  const png = new PNG({ width, height });
  solid(width, height, colour).copy(png.data);
  writeFileSync(file, PNG.sync.write(png));
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerlens-images-'));
  const good = join(dir, 'good');
  mkdirSync(join(good, 'red'), { recursive: true });
  mkdirSync(join(good, 'blue'), { recursive: true });
  for (let i = 0; i < 5; i++) writePng(join(good, 'red', `r${i}.png`), 6, 4, [200, 0, 0]);
  for (let i = 0; i < 4; i++) writePng(join(good, 'blue', `b${i}.png`), 6, 4, [0, 0, 250]);
  writeFileSync(join(good, 'blue', 'b9.JPG'), encodeJpeg({ width: 6, height: 4, data: solid(6, 4, [0, 0, 250]) }, 95).data);
  writeFileSync(join(good, 'blue', 'notes.txt'), 'not an image');

  const wrongSize = join(dir, 'wrong-size');
  mkdirSync(join(wrongSize, 'a'), { recursive: true });
  mkdirSync(join(wrongSize, 'b'), { recursive: true });
  writePng(join(wrongSize, 'a', 'ok.png'), 6, 4, [1, 2, 3]);
  writePng(join(wrongSize, 'b', 'big.png'), 8, 4, [1, 2, 3]);

  mkdirSync(join(dir, 'one-class', 'only'), { recursive: true });
  writePng(join(dir, 'one-class', 'only', 'x.png'), 6, 4, [1, 2, 3]);
  mkdirSync(join(dir, 'empty-class', 'a'), { recursive: true });
  mkdirSync(join(dir, 'empty-class', 'b'), { recursive: true });
  writePng(join(dir, 'empty-class', 'a', 'x.png'), 6, 4, [1, 2, 3]);
  writeFileSync(join(dir, 'empty-class', 'b', 'readme.txt'), 'no images here');
  mkdirSync(join(dir, 'corrupt', 'a'), { recursive: true });
  mkdirSync(join(dir, 'corrupt', 'b'), { recursive: true });
  writeFileSync(join(dir, 'corrupt', 'a', 'bad.png'), 'not a png');
  writePng(join(dir, 'corrupt', 'b', 'fine.png'), 6, 4, [1, 2, 3]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('an image folder loads as RGB [n, h, w, 3] with one class per sub-folder (PNG and JPEG)', async () => {
  const before = tf.memory().numTensors;
  const data = await loadDataset({ source: 'images', path: 'good', validationSplit: 0 }, ctx([4, 6, 3]));
  try {
    assert.deepEqual(data.classNames, ['blue', 'red']);
    assert.deepEqual(data.classCounts.train, [5, 5]);
    assert.deepEqual(data.train.xs.shape, [10, 4, 6, 3]);
    const xs = data.train.xs.dataSync();
    const ys = data.train.ys.arraySync() as number[][];
    ys.forEach((oneHot, i) => {
      const [r = -1, g = -1, b = -1] = xs.subarray(i * 72, i * 72 + 3);
      const isRed = oneHot[1] === 1;
      const expected = isRed ? [200 / 255, 0, 0] : [0, 0, 250 / 255];
      // JPEG is lossy: allow a few levels of error.
      [r, g, b].forEach((v, c) => assert.ok(Math.abs(v - (expected[c] ?? 0)) < 0.03, `image ${i} channel ${c}: ${v}`));
    });
  } finally {
    data.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('one channel converts colour to luminance', async () => {
  const data = await loadDataset({ source: 'images', path: 'good', imageSize: [4, 6] }, ctx([4, 6, 1]));
  try {
    assert.deepEqual(data.train.xs.shape.slice(1), [4, 6, 1]);
    const ys = data.train.ys.arraySync() as number[][];
    const xs = data.train.xs.dataSync();
    const redRow = ys.findIndex((oneHot) => oneHot[1] === 1);
    assert.ok(Math.abs((xs[redRow * 24] ?? 0) - (0.299 * 200) / 255) < 1e-5);
  } finally {
    data.dispose();
  }
});

test('wrong image size, missing folder, too few classes and undecodable files are DataErrors', async () => {
  await assert.rejects(
    loadDataset({ source: 'images', path: 'wrong-size' }, ctx([4, 6, 3])),
    (e: Error) => e instanceof DataError && e.message.includes(join(dir, 'wrong-size', 'b', 'big.png')) && /8×4.*6×4/.test(e.message),
  );
  await assert.rejects(loadDataset({ source: 'images', path: 'nowhere' }, ctx([4, 6, 3])), /image folder .*nowhere does not exist/);
  await assert.rejects(loadDataset({ source: 'images', path: 'one-class' }, ctx([4, 6, 3])), /at least 2.*found 1/);
  await assert.rejects(loadDataset({ source: 'images', path: 'empty-class' }, ctx([4, 6, 3])), /empty-class.b holds no \.png/);
  await assert.rejects(loadDataset({ source: 'images', path: 'corrupt' }, ctx([4, 6, 3])), /bad\.png could not be decoded/);
  await assert.rejects(loadDataset({ source: 'images', path: 'good' }, ctx([24])), /\[height, width, channels\]/);
  await assert.rejects(loadDataset({ source: 'images', path: 'good', imageSize: 5 }, ctx([4, 6, 3])), /imageSize 5×5/);
});
