// Thumbnails of validation examples from evaluation.json: images drawn from their bytes (HWC, 0–255), tabular examples
// as their feature values. Every name is set as text.
import type { Evaluation } from '../protocol';
import { formatMetric } from '../ui/format';

type ExampleInput = Extract<Evaluation, { task: 'classification' }>['examples'][string];

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** An image of `[h, w, c]` bytes (c = 1 grey, 3 colour) on a canvas, scaled up with CSS. */
export function imageCanvas(shape: readonly number[], pixels: Uint8Array, label: string): HTMLCanvasElement {
  const [height = 0, width = 0, channels = 1] = shape;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'pixelated';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const context = canvas.getContext('2d');
  if (!context || width === 0 || height === 0) return canvas;
  const image = context.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const grey = pixels[p * channels] ?? 0;
    image.data[4 * p] = grey;
    image.data[4 * p + 1] = channels >= 3 ? pixels[p * channels + 1] ?? 0 : grey;
    image.data[4 * p + 2] = channels >= 3 ? pixels[p * channels + 2] ?? 0 : grey;
    image.data[4 * p + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

/** Opens validation example `index` of the run (in the Inspector). */
export type OpenExample = (index: number) => void;

/** One example: its picture or feature values, and a caption (e.g. `true 3 → 5 (91%)`); a click opens it. */
export function thumbnail(input: ExampleInput | undefined, index: number, caption: string, open?: OpenExample): HTMLElement {
  const item = document.createElement('figure');
  item.className = 'thumb';
  item.dataset.index = String(index);
  if (open) {
    item.tabIndex = 0;
    item.setAttribute('role', 'button');
    item.title = `Open validation example ${index} in the Inspector`;
    item.addEventListener('click', () => open(index));
    item.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(index); } });
  }
  if (input?.kind === 'image') {
    item.append(imageCanvas(input.shape, decodeBase64(input.pixels), `validation example ${index}`));
  } else if (input?.kind === 'features') {
    const values = document.createElement('div');
    values.className = 'features';
    values.textContent = input.names.map((name, i) => `${name} ${formatMetric(input.values[i] ?? Number.NaN)}`).join(', ');
    item.append(values);
  }
  const text = document.createElement('figcaption');
  text.textContent = caption;
  item.append(text);
  return item;
}
