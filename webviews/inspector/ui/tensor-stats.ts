/** Statistics of one channel (or a whole layer), shown on hover and used for normalisation. */
export interface ChannelStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Fraction of values exactly 0 (dead ReLU units). */
  readonly zeros: number;
}

/** Stats of channel `channel` of HWC data with `channels` channels (pass channels = 1 for all values). */
export function channelStats(data: Float32Array, channels: number, channel: number): ChannelStats {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let zeros = 0;
  let count = 0;
  for (let i = channel; i < data.length; i += channels) {
    const v = data[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (v === 0) zeros++;
    count++;
  }
  return count === 0 ? { min: 0, max: 0, mean: 0, zeros: 0 } : { min, max, mean: sum / count, zeros: zeros / count };
}

/** How values map to colours. */
export type Normalisation = 'channel' | 'layer' | 'fixed';

/**
 * The value → [0, 1] mapping for a channel. Signed data (the layer has negative values) is centred on zero for the
 * diverging map: 0.5 is zero, 0 and 1 are ∓ the largest magnitude in range.
 */
export function scaleFor(mode: Normalisation, channel: ChannelStats, layer: ChannelStats, fixed: { min: number; max: number },
  signed: boolean): (value: number) => number {
  const range = mode === 'channel' ? channel : mode === 'layer' ? layer : fixed;
  if (signed) {
    const magnitude = Math.max(Math.abs(range.min), Math.abs(range.max)) || 1;
    return (v) => 0.5 + v / (2 * magnitude);
  }
  const span = range.max - range.min || 1;
  return (v) => (v - range.min) / span;
}

export function formatValue(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1000 || magnitude < 0.001 ? value.toExponential(2) : value.toPrecision(3);
}
