import { GrowableFloat64Array } from './growable-array';

/**
 * Smoothing of a series, computed incrementally as points arrive.
 *
 * Non-finite input (NaN, ±Infinity) is skipped: it yields NaN at its own index (not drawn) and never
 * enters any average, so one diverged step does not poison the curve.
 *
 * - `ema`: debiased exponential moving average over the finite values, indexed by their count t:
 *   s_t = β·s_{t−1} + (1−β)·y_t with s_0 = 0, output s_t / (1 − β^t). Computed in the equivalent form
 *   m_t = m_{t−1} + (y_t − m_{t−1})·(1−β)/(1−β^t), which is exact for constant input (the first weight
 *   is exactly 1). Outputs are final: appending never changes an earlier value. O(1) per point.
 * - `trailing`: mean of the finite values among the last `window` points (fewer at the start).
 *   Outputs are final. O(1) per point (prefix sums).
 * - `centred`: mean of the finite values in a window centred on the point, half = ⌊window/2⌋ points
 *   each side (an even window is widened by one). Near either end the window shrinks symmetrically
 *   (half = min(half, i, n−1−i)) so it stays centred and does not lag. Consequently the values of the
 *   last `half` points are provisional and change as later points arrive; everything before is final.
 */
export type SmoothingSpec =
  | { type: 'none' }
  | { type: 'ema'; beta: number }
  | { type: 'trailing'; window: number }
  | { type: 'centred'; window: number };

export interface IncrementalSmoother {
  /** Number of smoothed values (equals the number of raw values appended). */
  readonly length: number;
  /** Smoothed values, one per raw value (a view; read it again after appending). */
  values(): Float64Array;
  /** Appends raw values; returns the first index whose smoothed value was written or rewritten. */
  append(ys: ArrayLike<number>): number;
}

/** The output buffer every smoother appends to (or, near the end of a centred window, rewrites). */
abstract class SmoothedValues implements IncrementalSmoother {
  protected readonly out = new GrowableFloat64Array();

  get length(): number {
    return this.out.length;
  }

  values(): Float64Array {
    return this.out.view();
  }

  abstract append(ys: ArrayLike<number>): number;
}

/** Debiased EMA; see SmoothingSpec. */
export class DebiasedEma extends SmoothedValues {
  private mean = 0;
  /** β^t for the t finite values seen so far. */
  private decay = 1;

  constructor(private readonly beta: number) {
    super();
    if (!(beta >= 0 && beta < 1)) throw new RangeError(`EMA beta must be in [0, 1), got ${beta}`);
  }

  append(ys: ArrayLike<number>): number {
    const firstChanged = this.out.length;
    for (let i = 0; i < ys.length; i++) this.out.push(this.next(ys[i] ?? Number.NaN));
    return firstChanged;
  }

  private next(y: number): number {
    if (!Number.isFinite(y)) return Number.NaN;
    this.decay *= this.beta;
    this.mean += (y - this.mean) * ((1 - this.beta) / (1 - this.decay));
    return this.mean;
  }
}

/** Prefix sums and counts of the finite values, so any window mean is O(1). */
class FinitePrefixSums {
  /** sums[i] = sum of finite raw values at indices < i; counts likewise. Both start with one 0. */
  private readonly sums = new GrowableFloat64Array();
  private readonly counts = new GrowableFloat64Array();

  constructor() {
    this.sums.push(0);
    this.counts.push(0);
  }

  get length(): number {
    return this.sums.length - 1;
  }

  append(ys: ArrayLike<number>): void {
    let sum = this.sums.at(this.length) ?? 0;
    let count = this.counts.at(this.length) ?? 0;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i] ?? Number.NaN;
      if (Number.isFinite(y)) {
        sum += y;
        count += 1;
      }
      this.sums.push(sum);
      this.counts.push(count);
    }
  }

  isFinitePoint(index: number): boolean {
    return (this.counts.backing[index + 1] ?? 0) > (this.counts.backing[index] ?? 0);
  }

  /** Mean of the finite values at indices [start, end); NaN when there are none. */
  mean(start: number, end: number): number {
    const sums = this.sums.backing;
    const counts = this.counts.backing;
    const count = (counts[end] ?? 0) - (counts[start] ?? 0);
    return count > 0 ? ((sums[end] ?? 0) - (sums[start] ?? 0)) / count : Number.NaN;
  }
}

/** Trailing moving average; see SmoothingSpec. */
export class TrailingMean extends SmoothedValues {
  private readonly prefix = new FinitePrefixSums();

  constructor(private readonly window: number) {
    super();
    assertWindow(window);
  }

  append(ys: ArrayLike<number>): number {
    const firstChanged = this.out.length;
    this.prefix.append(ys);
    for (let i = firstChanged; i < this.prefix.length; i++) {
      const value = this.prefix.isFinitePoint(i) ? this.prefix.mean(Math.max(0, i - this.window + 1), i + 1) : Number.NaN;
      this.out.push(value);
    }
    return firstChanged;
  }
}

/** Centred moving average with symmetric shrinking at the ends; see SmoothingSpec. */
export class CentredMean extends SmoothedValues {
  private readonly prefix = new FinitePrefixSums();
  private readonly half: number;

  constructor(window: number) {
    super();
    assertWindow(window);
    this.half = Math.floor(window / 2);
  }

  append(ys: ArrayLike<number>): number {
    const previous = this.out.length;
    if (ys.length === 0) return previous;
    this.prefix.append(ys);
    const total = this.prefix.length;
    // Points within `half` of the old end had shrunken windows; they widen now.
    const firstChanged = Math.max(0, previous - this.half);
    for (let i = firstChanged; i < total; i++) {
      const value = this.valueAt(i, total);
      if (i < previous) this.out.set(i, value);
      else this.out.push(value);
    }
    return firstChanged;
  }

  private valueAt(index: number, total: number): number {
    if (!this.prefix.isFinitePoint(index)) return Number.NaN;
    const half = Math.min(this.half, index, total - 1 - index);
    return this.prefix.mean(index - half, index + half + 1);
  }
}

function assertWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be an integer ≥ 1, got ${window}`);
}

/** A smoother for the spec, or undefined for `none`. */
export function createSmoother(spec: SmoothingSpec): IncrementalSmoother | undefined {
  switch (spec.type) {
    case 'none':
      return undefined;
    case 'ema':
      return new DebiasedEma(spec.beta);
    case 'trailing':
      return new TrailingMean(spec.window);
    case 'centred':
      return new CentredMean(spec.window);
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown smoothing ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Smooths a whole array at once (same results as appending it in any batches). */
export function smoothAll(spec: SmoothingSpec, ys: ArrayLike<number>): Float64Array {
  const smoother = createSmoother(spec);
  if (!smoother) return Float64Array.from(ys);
  smoother.append(ys);
  return smoother.values().slice();
}
