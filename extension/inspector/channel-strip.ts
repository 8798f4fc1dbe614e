// A layer's output as a small grey PNG for the hover (no vscode, no TensorFlow.js: pngjs only).
import { PNG } from 'pngjs';
import type { TensorData } from '../../runtime/protocol';

/** Channels shown side by side, and the size of each in image pixels. */
const CHANNELS = 8;
const CELL = 48;
const GAP = 2;

/**
 * The first channels of `[h, w, c]` (or `[h, w]`) data as one grey PNG, each channel normalised to its own range and
 * scaled up by whole pixels; a vector becomes one strip of bars. Grey, because a hover cannot read the theme.
 */
export function channelStrip(tensor: TensorData): Buffer {
  const [height = 1, width = tensor.data.length, channels = 1] = tensor.shape.length >= 2 ? tensor.shape : [1, tensor.data.length, 1];
  if (tensor.shape.length < 2) return vectorStrip(tensor.data);
  const shown = Math.min(CHANNELS, channels);
  const scale = Math.max(1, Math.floor(CELL / Math.max(height, width)));
  const cellW = width * scale;
  const cellH = height * scale;
  const png = new PNG({ width: shown * cellW + (shown - 1) * GAP, height: cellH });
  png.data.fill(0);
  for (let k = 0; k < shown; k++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < width * height; p++) {
      const v = tensor.data[p * channels + k] ?? 0;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        const v = tensor.data[(Math.floor(y / scale) * width + Math.floor(x / scale)) * channels + k] ?? 0;
        const grey = Math.round(((v - min) / (max - min || 1)) * 255);
        const at = (y * png.width + k * (cellW + GAP) + x) * 4;
        png.data[at] = grey; png.data[at + 1] = grey; png.data[at + 2] = grey; png.data[at + 3] = 255;
      }
    }
  }
  return PNG.sync.write(png);
}

function vectorStrip(data: Float32Array): Buffer {
  const bar = Math.max(1, Math.min(6, Math.floor(384 / Math.max(1, data.length))));
  const height = 32;
  const png = new PNG({ width: Math.max(1, Math.min(data.length, 384 / bar) * bar), height });
  png.data.fill(0);
  let magnitude = 0;
  for (const v of data) magnitude = Math.max(magnitude, Math.abs(v));
  const units = Math.floor(png.width / bar);
  for (let i = 0; i < units; i++) {
    const h = Math.round((Math.abs(data[i] ?? 0) / (magnitude || 1)) * height);
    for (let y = height - h; y < height; y++) {
      for (let x = i * bar; x < (i + 1) * bar - (bar > 2 ? 1 : 0); x++) {
        const at = (y * png.width + x) * 4;
        png.data[at] = 200; png.data[at + 1] = 200; png.data[at + 2] = 200; png.data[at + 3] = 255;
      }
    }
  }
  return PNG.sync.write(png);
}
