// Pure display maths of the Explain view: sign modes, Captum-style outlier clipping, per-image or fixed scales,
// top-k classes and a perceptual colour map. No DOM, so it is unit-tested directly.

/** Which part of a signed map to show (Captum's `sign`): positive or negative evidence, its magnitude, or both. */
export type SignMode = 'positive' | 'negative' | 'absolute' | 'all';

/** Values after the sign mode: ≥ 0 for positive/negative/absolute, signed for all. */
export function applySign(values: ArrayLike<number>, mode: SignMode): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    out[i] = mode === 'positive' ? Math.max(v, 0) : mode === 'negative' ? Math.max(-v, 0) : mode === 'absolute' ? Math.abs(v) : v;
  }
  return out;
}

/**
 * The scale Captum's `visualize_image_attr` divides by: sort |v|, and take the value at which the cumulative sum
 * reaches (100 − outlierPercent)% of the total (`_cumulative_sum_threshold`). Values above it are clipped, so a few
 * outliers cannot wash out the map. 0 when the map is all zero (the caller shows "all zero", never divides by it).
 */
export function clipThreshold(values: ArrayLike<number>, outlierPercent: number): number {
  const sorted = Float32Array.from(values, (v) => Math.abs(v)).sort();
  let total = 0;
  for (const v of sorted) total += v;
  if (total === 0) return 0;
  const target = total * 0.01 * (100 - outlierPercent);
  let sum = 0;
  for (const v of sorted) {
    sum += v;
    if (sum >= target) return v;
  }
  return sorted[sorted.length - 1] ?? 0;
}

/**
 * Scales for maps shown side by side: per image, each map's own threshold (maps are then not comparable,
 * captum#1103); fixed, the largest threshold of them all, so equal colours mean equal values across maps.
 */
export function sharedScales(thresholds: readonly number[], mode: 'perImage' | 'fixed'): number[] {
  if (mode === 'perImage') return [...thresholds];
  const largest = Math.max(0, ...thresholds);
  return thresholds.map(() => largest);
}

/** Values divided by `scale` and clipped to [−1, 1] ([0, 1] for non-negative input); all 0 when scale is 0. */
export function normalise(values: ArrayLike<number>, scale: number): Float32Array {
  const out = new Float32Array(values.length);
  if (!(scale > 0)) return out;
  for (let i = 0; i < values.length; i++) out[i] = Math.max(-1, Math.min(1, (values[i] ?? 0) / scale));
  return out;
}

/** The k most probable classes, most probable first. */
export function topClasses(probs: ArrayLike<number>, k: number): { index: number; probability: number }[] {
  return Array.from({ length: probs.length }, (_, index) => ({ index, probability: probs[index] ?? 0 }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k);
}

/**
 * Viridis (matplotlib's perceptually uniform map) as 9 stops, interpolated to 256 RGBA entries: lightness rises
 * monotonically, so equal steps in value look like equal steps in colour, in light and dark themes alike. Data
 * colours, not UI colours: the panel's chrome still uses only `--vscode-*` variables.
 */
export const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** A value in [0, 1] (or [−1, 1] for the diverging map) → index 0..255 of a lookup table. */
export function tableIndex(value: number, signed: boolean): number {
  const t = signed ? (value + 1) / 2 : value;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}

/** Plain-word sentence for an all-zero map under a sign mode (nothing to scale, nothing divided by zero). */
export function emptyMapNote(mode: SignMode): string {
  return mode === 'positive' ? 'No positive evidence: every value of this map is ≤ 0.'
    : mode === 'negative' ? 'No negative evidence: every value of this map is ≥ 0.'
      : 'This map is zero everywhere.';
}
