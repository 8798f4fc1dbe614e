// The hover thumbnail's PNG: the first channels side by side, each normalised to its own range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { channelStrip } from '../../../extension/inspector/channel-strip';

test('a [4, 4, 10] output becomes 8 cells of 48×48 with 2-pixel gaps, each channel spanning black to white', () => {
  const data = new Float32Array(4 * 4 * 10);
  for (let p = 0; p < 16; p++) for (let k = 0; k < 10; k++) data[p * 10 + k] = p * (k + 1) - 5; // own range per channel
  const png = PNG.sync.read(channelStrip({ shape: [4, 4, 10], data }));
  assert.deepEqual([png.width, png.height], [8 * 48 + 7 * 2, 48]);
  const grey = (x: number, y: number) => png.data[(y * png.width + x) * 4];
  for (let k = 0; k < 8; k++) {
    const left = k * 50;
    assert.equal(grey(left, 0), 0, `channel ${k} starts at its minimum`);
    assert.equal(grey(left + 47, 47), 255, `channel ${k} ends at its maximum`);
  }
});

test('a vector becomes one strip of bars, the largest magnitude full height', () => {
  const png = PNG.sync.read(channelStrip({ shape: [4], data: Float32Array.from([0, -1, 0.5, 0]) }));
  assert.equal(png.height, 32);
  const column = (unit: number) => Array.from({ length: 32 }, (_, y) => png.data[(y * png.width + unit * (png.width / 4)) * 4]);
  assert.equal(column(1).filter((v) => v === 200).length, 32);
  assert.equal(column(2).filter((v) => v === 200).length, 16);
  assert.equal(column(0).filter((v) => v === 200).length, 0);
});
