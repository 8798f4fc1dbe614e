// Draws one layer's output: channels of a spatial output as a grid of canvases, a vector as a bar strip, the model's
// output of a classification run as class probabilities. Values reach the page as typed arrays (HWC, row-major).
import type { Tensor } from '../protocol';
import type { ColourMaps } from './colour-map';
import { channelStats, formatValue, scaleFor, type ChannelStats, type Normalisation } from './tensor-stats';

export interface RenderOptions {
  readonly normalisation: Normalisation;
  readonly fixed: { readonly min: number; readonly max: number };
  readonly colours: ColourMaps;
  /** Shows the stats of the channel under the pointer (undefined: the pointer left). */
  readonly onHover: (text: string | undefined, anchor: HTMLElement) => void;
}

/** Smallest on-screen size of a channel, so 4×4 maps are still visible; larger ones scale by whole pixels. */
const MIN_CHANNEL_PX = 48;
const MAX_CHANNEL_PX = 112;

/** Draws `tensor` into `host` (replacing what it held); returns the number of channel canvases drawn. */
export function renderLayer(host: HTMLElement, tensor: Tensor, options: RenderOptions): number {
  const shape = tensor.shape;
  if (shape.length === 3) return renderChannels(host, tensor, shape[0] ?? 1, shape[1] ?? 1, shape[2] ?? 1, options);
  if (shape.length === 2) return renderChannels(host, tensor, shape[0] ?? 1, shape[1] ?? 1, 1, options);
  renderStrip(host, tensor.data, options);
  return 0;
}

function renderChannels(host: HTMLElement, tensor: Tensor, height: number, width: number, channels: number,
  options: RenderOptions): number {
  const layer = channelStats(tensor.data, 1, 0);
  const signed = layer.min < 0;
  const table = signed ? options.colours.diverging : options.colours.sequential;
  const size = Math.min(MAX_CHANNEL_PX, Math.max(MIN_CHANNEL_PX, width * Math.max(1, Math.floor(MIN_CHANNEL_PX / width))));
  const grid = document.createElement('div');
  grid.className = 'channel-grid';
  grid.style.setProperty('--channel-size', `${size}px`);
  for (let k = 0; k < channels; k++) {
    const stats = channelStats(tensor.data, channels, k);
    const scale = scaleFor(options.normalisation, stats, layer, options.fixed, signed);
    const canvas = document.createElement('canvas');
    canvas.className = 'channel';
    canvas.width = width;
    canvas.height = height;
    canvas.dataset['channel'] = String(k);
    canvas.setAttribute('role', 'img');
    const text = statsText(k, stats);
    canvas.setAttribute('aria-label', text);
    const image = new ImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const t = Math.max(0, Math.min(255, Math.round(scale(tensor.data[p * channels + k] ?? 0) * 255)));
      image.data.set(table.subarray(t * 4, t * 4 + 4), p * 4);
    }
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    canvas.addEventListener('mouseenter', () => options.onHover(text, canvas));
    canvas.addEventListener('mouseleave', () => options.onHover(undefined, canvas));
    grid.append(canvas);
  }
  host.replaceChildren(grid);
  return channels;
}

/** A vector (dense output) as one strip of bars: height by magnitude, colour by value. */
function renderStrip(host: HTMLElement, data: Float32Array, options: RenderOptions): void {
  const stats = channelStats(data, 1, 0);
  const signed = stats.min < 0;
  const table = signed ? options.colours.diverging : options.colours.sequential;
  const scale = scaleFor(options.normalisation === 'fixed' ? 'fixed' : 'layer', stats, stats, options.fixed, signed);
  const barWidth = Math.max(2, Math.min(12, Math.floor(720 / Math.max(1, data.length))));
  const height = 40;
  const canvas = document.createElement('canvas');
  canvas.className = 'strip';
  canvas.width = barWidth * data.length;
  canvas.height = height;
  const context = canvas.getContext('2d');
  const magnitude = Math.max(Math.abs(stats.min), Math.abs(stats.max)) || 1;
  data.forEach((value, i) => {
    if (!context) return;
    const t = Math.max(0, Math.min(255, Math.round(scale(value) * 255)));
    context.fillStyle = `rgb(${table[t * 4] ?? 0}, ${table[t * 4 + 1] ?? 0}, ${table[t * 4 + 2] ?? 0})`;
    const h = Math.max(1, Math.round((Math.abs(value) / magnitude) * height));
    context.fillRect(i * barWidth, height - h, Math.max(1, barWidth - 1), h);
  });
  const text = `${data.length} units · ${statsText(undefined, stats)}`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text);
  canvas.addEventListener('mousemove', (event) => {
    const unit = Math.floor(event.offsetX / (canvas.clientWidth / data.length));
    options.onHover(`unit ${unit}: ${formatValue(data[unit] ?? 0)} · ${text}`, canvas);
  });
  canvas.addEventListener('mouseleave', () => options.onHover(undefined, canvas));
  host.replaceChildren(canvas);
}

/** Class probabilities, highest first marked, the true class named. */
export function renderProbabilities(host: HTMLElement, probs: Float32Array, classNames: readonly string[],
  label: number | null): void {
  let best = 0;
  probs.forEach((p, i) => { if (p > (probs[best] ?? 0)) best = i; });
  const list = document.createElement('ol');
  list.className = 'probabilities';
  probs.forEach((p, i) => {
    const row = document.createElement('li');
    row.className = i === best ? 'predicted' : '';
    if (i === label) row.classList.add('true-label');
    const name = document.createElement('span');
    name.className = 'class-name';
    name.textContent = classNames[i] ?? String(i);
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.setProperty('--p', String(Math.max(0, Math.min(1, p))));
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = `${(p * 100).toFixed(1)}%${i === label ? ' · true' : ''}`;
    row.append(name, bar, value);
    list.append(row);
  });
  host.replaceChildren(list);
}

function statsText(channel: number | undefined, stats: ChannelStats): string {
  const prefix = channel === undefined ? '' : `channel ${channel} · `;
  return `${prefix}min ${formatValue(stats.min)} · max ${formatValue(stats.max)} · mean ${formatValue(stats.mean)} · zeros ${(stats.zeros * 100).toFixed(0)}%`;
}
