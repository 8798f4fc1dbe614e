// Draws an explanation over its input: the input in grey (or RGB, as the input picker draws it), the normalised map
// through a colour table on top with the alpha the user picks. One canvas pixel per input pixel; CSS scales it up.
import type { Tensor } from '../protocol';
import { drawInput } from '../ui/input-image';
import { tableIndex } from './heatmap';

export interface OverlayStyle {
  /** Weight of the map over the input, 0..1. */
  readonly alpha: number;
  /** A 256-entry RGBA lookup table. */
  readonly table: Uint8ClampedArray;
  /** True when `values` are in [−1, 1] (sign mode "all"); else [0, 1]. */
  readonly signed: boolean;
}

/** `values`: the normalised map `[H, W]` (row-major), `input` `[H, W, C]`. Returns the canvas, `displaySize` px wide. */
export function drawOverlay(input: Tensor, values: Float32Array, style: OverlayStyle, displaySize: number): HTMLCanvasElement {
  const canvas = drawInput(input, displaySize);
  canvas.classList.add('explain-overlay');
  const heat = new ImageData(canvas.width, canvas.height);
  for (let p = 0; p < canvas.width * canvas.height; p++) {
    const entry = tableIndex(values[p] ?? 0, style.signed) * 4;
    heat.data.set([style.table[entry] ?? 0, style.table[entry + 1] ?? 0, style.table[entry + 2] ?? 0, 255], p * 4);
  }
  const layer = document.createElement('canvas');
  layer.width = canvas.width;
  layer.height = canvas.height;
  layer.getContext('2d')?.putImageData(heat, 0, 0);
  const context = canvas.getContext('2d');
  if (context) {
    context.globalAlpha = style.alpha;
    context.drawImage(layer, 0, 0);
  }
  return canvas;
}

/** A horizontal colour bar of `table`, labelled with the scale's ends, so colours read as values. */
export function colourBar(table: Uint8ClampedArray, signed: boolean, scale: number): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'colour-bar';
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 1;
  const image = new ImageData(256, 1);
  image.data.set(table.subarray(0, 256 * 4));
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  const low = document.createElement('span');
  const high = document.createElement('span');
  low.textContent = signed ? (-scale).toPrecision(3) : '0';
  high.textContent = scale.toPrecision(3);
  bar.append(low, canvas, high);
  return bar;
}
