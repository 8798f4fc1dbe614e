// The Training panel's "Epoch images": the file contract the runtime writes (images/epoch-<n>.json), its reading by
// the extension host (newest epoch, one asked for, malformed files) and the decoding into the bytes a canvas draws.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunFolders } from '../../../extension/runs/run-folders';
import { epochImagesMessage, epochImagesReady } from '../../../extension/training-panel/epoch-images-message';
import { epochImageEpochs, epochImagesPath, parseEpochImages } from '../../../runtime/runs';
import { writeEpochImages } from '../../../runtime/training/epoch-images';
import { displayRange, hwcShape, imageBytes, imageCount } from '../../../webviews/training/images/image-values';

const ramp = (count: number, size: number, scale = 1) => Array.from({ length: count * size }, (_, i) => (i % size) / (size - 1) * scale);

test('parseEpochImages accepts what the runtime writes and names what is wrong with anything else', () => {
  const gan = { kind: 'gan', epoch: 3, shape: [2, 2, 1], images: ramp(16, 4) };
  assert.deepEqual(parseEpochImages(JSON.stringify(gan)), gan);
  const reconstruction = { kind: 'reconstruction', epoch: 1, shape: [2, 3], images: ramp(8, 6), reconstructions: ramp(8, 6, 0.5) };
  assert.deepEqual(parseEpochImages(JSON.stringify(reconstruction)), reconstruction);
  const bad: [unknown, RegExp][] = [
    [{ ...gan, kind: 'classification' }, /kind "classification"/],
    [{ ...gan, epoch: 0 }, /epoch/],
    [{ ...gan, shape: [2, 2, 1, 1] }, /shape/],
    [{ ...gan, shape: [2, -2] }, /shape/],
    [{ ...gan, images: [...ramp(16, 4), 0.5] }, /65 values, not a whole number of 4-value images/],
    [{ ...gan, images: [0.1, null, 0.2, 0.3] }, /images is not an array of finite numbers/],
    [{ ...reconstruction, reconstructions: ramp(7, 6) }, /reconstructions hold 42 values, images 48/],
    [{ ...reconstruction, reconstructions: undefined }, /reconstructions is not an array/],
  ];
  for (const [value, message] of bad) assert.throws(() => parseEpochImages(JSON.stringify(value), 'run/images/epoch-1.json'), message);
  assert.throws(() => parseEpochImages('{"kind":', 'run/images/epoch-1.json'), /^Error: run\/images\/epoch-1\.json: not JSON/);
});

test('epoch image files are listed by epoch, numerically', () => {
  assert.deepEqual(epochImageEpochs(['epoch-10.json', 'epoch-2.json', 'epoch-1.json.tmp', 'notes.txt', 'epoch-1.json']), [1, 2, 10]);
});

test('the panel reads the newest epoch by default, any epoch on request, and nothing for a run without images', async () => {
  const runDir = mkdtempSync(join(tmpdir(), 'layerlens-epoch-images-'));
  const folders = new RunFolders();
  assert.equal(await epochImagesMessage(folders, 'run', runDir), undefined, 'a classification run saves no images');
  for (const epoch of [1, 2, 3]) {
    writeEpochImages(runDir, { kind: 'reconstruction', epoch, shape: [2, 2, 1], images: ramp(8, 4), reconstructions: ramp(8, 4, epoch / 4) });
  }
  const newest = await epochImagesMessage(folders, 'run', runDir);
  assert.deepEqual(newest?.epochs, [1, 2, 3]);
  assert.equal(newest?.images?.epoch, 3);
  assert.ok(newest?.images?.images instanceof Float32Array && newest.images.images.length === 32);
  assert.deepEqual([...(newest?.images?.reconstructions ?? []).slice(0, 4)].map((v) => Math.round(v * 1e4) / 1e4), [0, 0.25, 0.5, 0.75]);
  const first = await epochImagesMessage(folders, 'run', runDir, 1);
  assert.equal(first?.images?.epoch, 1);
  assert.deepEqual([...(first?.images?.reconstructions ?? []).slice(0, 4)].map((v) => Math.round(v * 1e4) / 1e4), [0, 0.0833, 0.1667, 0.25]);

  // A malformed file loses nothing else: the epochs are still listed, that epoch's images are absent.
  writeFileSync(epochImagesPath(runDir, 4), '{"kind": "gan", "epoch": 4, "shape": [2, 2, 1], "images": [1, 2, 3]}');
  const broken = await epochImagesMessage(folders, 'run', runDir);
  assert.deepEqual(broken?.epochs, [1, 2, 3, 4]);
  assert.equal(broken?.images, undefined);
  assert.equal((await epochImagesMessage(folders, 'run', runDir, 2))?.images?.epoch, 2);
  mkdirSync(join(runDir, 'empty'));
  assert.equal(await epochImagesMessage(folders, 'run', join(runDir, 'empty')), undefined);
});

test('an ended epoch\'s images are awaited for image tasks only, and not for ever', async () => {
  const runDir = mkdtempSync(join(tmpdir(), 'layerlens-epoch-images-ready-'));
  const folders = new RunFolders();
  writeFileSync(join(runDir, 'spec.yaml'), readFileSync('samples/autoencoder.model.yaml', 'utf8'));
  let waits = 0;
  // The images land while the panel waits (as an autoencoder's do, after its epoch row).
  const ready = await epochImagesReady(folders, runDir, '/ws/autoencoder.model.yaml', 1, () => {
    waits++;
    if (waits === 2) writeEpochImages(runDir, { kind: 'reconstruction', epoch: 1, shape: [2, 2, 1], images: ramp(8, 4), reconstructions: ramp(8, 4) });
    return Promise.resolve();
  });
  assert.equal(ready, true);
  assert.equal(waits, 2);
  waits = 0;
  assert.equal(await epochImagesReady(folders, runDir, '/ws/autoencoder.model.yaml', 2, () => { waits++; return Promise.resolve(); }), false);
  assert.equal(waits, 20, 'gives up after 5 s of 250 ms polls');

  const classifier = mkdtempSync(join(tmpdir(), 'layerlens-epoch-images-none-'));
  writeFileSync(join(classifier, 'spec.yaml'), readFileSync('samples/lenet.model.yaml', 'utf8'));
  waits = 0;
  assert.equal(await epochImagesReady(folders, classifier, '/ws/lenet.model.yaml', 1, () => { waits++; return Promise.resolve(); }), false);
  assert.equal(waits, 0, 'a classifier saves no images: no waiting');
});

test('values become bytes on one shared range: [0, 1], else [-1, 1], else their own extent', () => {
  const f = (values: number[]) => Float32Array.from(values);
  assert.deepEqual(displayRange([f([0.2, 0.9]), f([0, 1])]), { low: 0, high: 1 });
  assert.deepEqual(displayRange([f([-0.5, 0.9])]), { low: -1, high: 1 });
  assert.deepEqual(displayRange([f([-3, 0]), f([5])]), { low: -3, high: 5 });
  assert.deepEqual(displayRange([f([7, 7])]), { low: 6.5, high: 7.5 });
  assert.deepEqual(displayRange([]), { low: 0, high: 1 });

  assert.deepEqual(hwcShape([28, 28, 1]), [28, 28, 1]);
  assert.deepEqual(hwcShape([5, 6]), [5, 6, 1]);
  assert.deepEqual(hwcShape([10]), [1, 10, 1]);

  const values = f([0, 0.5, 1, 2, -1, 0.25, 0.75, 1]);
  assert.equal(imageCount(values, [2, 2]), 2);
  assert.deepEqual([...imageBytes(values, 0, [2, 2], { low: 0, high: 1 })], [0, 128, 255, 255]);
  assert.deepEqual([...imageBytes(values, 1, [2, 2], { low: 0, high: 1 })], [0, 64, 191, 255]);
  assert.deepEqual([...imageBytes(values, 1, [2, 2], { low: -1, high: 1 })], [0, 159, 223, 255]);
});
