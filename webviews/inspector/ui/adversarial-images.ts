// The Adversarial view's three images: the input and the adversarial input drawn as images (grey or RGB, scaled from
// the data's clip range), and the perturbation δ = x′ − x amplified to ±ε on a diverging theme colour map (its mean
// over channels). Tensors are HWC, row-major.
import type { Tensor } from '../protocol';

/** Height, width and channels of an image tensor; undefined for other shapes (tabular inputs). */
export function imageDims(tensor: Tensor): [number, number, number] | undefined {
  const [h, w, c] = tensor.shape;
  if (tensor.shape.length === 3 && h !== undefined && w !== undefined && c !== undefined) return [h, w, c];
  if (tensor.shape.length === 2 && h !== undefined && w !== undefined) return [h, w, 1];
  return undefined;
}

function prepare(canvas: HTMLCanvasElement, height: number, width: number): ImageData {
  canvas.width = width;
  canvas.height = height;
  return new ImageData(width, height);
}

/** Draws the image; values map from `clip` to 0..255 (RGB for 3 channels, else the first channel in grey). */
export function drawImage(canvas: HTMLCanvasElement, tensor: Tensor, clip: readonly [number, number]): void {
  const dims = imageDims(tensor);
  if (!dims) return;
  const [h, w, c] = dims;
  const image = prepare(canvas, h, w);
  const span = clip[1] - clip[0] || 1;
  const byte = (value: number): number => Math.max(0, Math.min(255, Math.round(((value - clip[0]) / span) * 255)));
  for (let p = 0; p < h * w; p++) {
    const base = p * c;
    const grey = byte(tensor.data[base] ?? 0);
    image.data[p * 4] = c === 3 ? byte(tensor.data[base] ?? 0) : grey;
    image.data[p * 4 + 1] = c === 3 ? byte(tensor.data[base + 1] ?? 0) : grey;
    image.data[p * 4 + 2] = c === 3 ? byte(tensor.data[base + 2] ?? 0) : grey;
    image.data[p * 4 + 3] = 255;
  }
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}

/** Draws δ averaged over channels, −ε … +ε across the diverging map (zero is its middle, the background). */
export function drawPerturbation(canvas: HTMLCanvasElement, input: Tensor, adversarial: Tensor, epsilon: number, diverging: Uint8ClampedArray): void {
  const dims = imageDims(input);
  if (!dims) return;
  const [h, w, c] = dims;
  const image = prepare(canvas, h, w);
  const scale = epsilon > 0 ? epsilon : 1;
  for (let p = 0; p < h * w; p++) {
    let delta = 0;
    for (let k = 0; k < c; k++) delta += (adversarial.data[p * c + k] ?? 0) - (input.data[p * c + k] ?? 0);
    const t = Math.max(0, Math.min(255, Math.round(((delta / c / scale + 1) / 2) * 255)));
    image.data.set(diverging.subarray(t * 4, t * 4 + 4), p * 4);
  }
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}
