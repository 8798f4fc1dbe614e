import type { Tensor } from '../protocol';

/**
 * An input tensor ([h, w, c], values 0..1 as the data sources produce) as a small canvas: grey for one channel, RGB
 * for three or four. Values outside 0..1 (standardised data) are stretched to the tensor's own range.
 */
export function drawInput(tensor: Tensor, displaySize: number): HTMLCanvasElement {
  const [height = 1, width = tensor.data.length, channels = 1] = tensor.shape.length >= 2 ? tensor.shape : [1, tensor.data.length, 1];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'input-image';
  canvas.style.width = `${displaySize}px`;
  canvas.style.height = `${Math.round((displaySize * height) / width)}px`;
  let min = 0;
  let max = 1;
  for (const v of tensor.data) { if (v < min) min = v; if (v > max) max = v; }
  const scale = (v: number) => Math.round(((v - min) / (max - min || 1)) * 255);
  const image = new ImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const base = p * channels;
    const r = scale(tensor.data[base] ?? 0);
    const g = channels >= 3 ? scale(tensor.data[base + 1] ?? 0) : r;
    const b = channels >= 3 ? scale(tensor.data[base + 2] ?? 0) : r;
    image.data.set([r, g, b, 255], p * 4);
  }
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  return canvas;
}
