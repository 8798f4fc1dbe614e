// Resources are checked before they are spent: a model that would not fit is refused before any tensor exists,
// naming its largest layers, and the checker warns on its line; an image bomb is refused from its header, never
// decoded (issue 11, finding 5).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { checkModel, estimateMemory, memoryDiagnostics } from '../../runtime/language';
import { readImageFile } from '../../runtime/data/images';
import { readImageSize } from '../../runtime/data/image-header';
import { recordingTrainer, workspace } from '../unit/training/helpers';

// 10,000 inputs × 15,900 units ≈ 159M parameters: the issue's model that died at 4.16 GB.
const HUGE = `name: huge
task: regression
input: [10000]
data: { source: height-weight, samples: 100 }
layers:
  - dense: { units: 15900, id: wide }
  - dense: { units: 1, id: out }
train: { epochs: 1, batchSize: 32 }
`;

test('the estimate counts parameters with gradients and optimizer state, and activations at the batch size', () => {
  const check = checkModel(HUGE, 'huge.model.yaml');
  const estimate = estimateMemory(check);
  assert.equal(estimate.paramBytes, check.totals.params * 4 * 4);
  assert.equal(estimate.activationBytes, (15_900 + 1) * 32 * 4 * 2);
  assert.equal(estimate.largest[0]?.id, 'wide');
  const [warning] = memoryDiagnostics(check, 4 * 1024 ** 3);
  assert.equal(warning?.severity, 'warning');
  assert.equal(warning?.range.start.line, 5, 'on the largest layer');
  assert.match(warning?.message ?? '', /training needs about 2\.4 GB .*largest layers: wide .*more than 50% of this machine's 4\.0 GB/);
  assert.deepEqual(memoryDiagnostics(check, 64 * 1024 **3), []);
});

test('the runtime refuses an over-limit model before allocating anything', async () => {
  const ws = workspace();
  const file = ws.modelFile('huge', HUGE);
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const recorder = recordingTrainer(ws, { memoryLimitBytes: 1024 ** 3 });
  const result = await recorder.run(file, HUGE, 'cpu');
  assert.equal(result.status, 'failed');
  assert.match(result.message ?? '', /^not started: training needs about 2\.4 GB .*largest layers: wide \(2\.4 GB\).*the limit is 1\.0 GB/);
  assert.equal(tf.memory().numTensors, before, 'no tensor was made');
  assert.equal(recorder.messages.filter((m) => m.type === 'runStarted').length, 0);
});

/** A PNG whose header says `width`×`height`, with a tiny (truncated) image data chunk. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]); // CRC never reached
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(20_000))), chunk('IEND', Buffer.alloc(0))]);
}

test('a 20000×20000 PNG is refused from its header without decoding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-bomb-'));
  const file = join(dir, 'bomb.png');
  writeFileSync(file, bombPng(20_000, 20_000));
  assert.deepEqual(readImageSize(bombPng(20_000, 20_000)), { width: 20_000, height: 20_000 });
  const decode = PNG.sync.read.bind(PNG.sync);
  let decoded = 0;
  PNG.sync.read = (...args) => { decoded++; return decode(...args); };
  try {
    await assert.rejects(readImageFile(file, { height: 28, width: 28, channels: 1 }),
      /bomb\.png is 20000×20000 pixels \(width×height\) \(and more pixels than LayerLens decodes\), but the model's input needs 28×28/);
  } finally {
    PNG.sync.read = decode;
  }
  assert.equal(decoded, 0, 'never decoded');
});

test('JPEG sizes come from the SOF marker', () => {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with height 600 and width 800.
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Array<number>(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03]);
  assert.deepEqual(readImageSize(jpeg), { width: 800, height: 600 });
});
