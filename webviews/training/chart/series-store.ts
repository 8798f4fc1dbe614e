import { GrowableFloat64Array } from './growable-array';

/**
 * Every point of one series, kept in memory (no sampling): x in a Float64Array, y in a Float64Array
 * (Float64 so the legend can show the value exactly as it was logged). Appends are amortised O(1)
 * per point; 1,000,000 points cost 16 MB.
 *
 * Contract: x is finite and non-decreasing across all appends (steps or epochs), which lets readers
 * binary-search the visible range. y may be any number, NaN and ±Infinity included (a diverged loss
 * is data too); consumers skip values they cannot draw.
 */
export class SeriesStore {
  private readonly x: GrowableFloat64Array;
  private readonly y: GrowableFloat64Array;

  constructor(initialCapacity = 1024) {
    this.x = new GrowableFloat64Array(initialCapacity);
    this.y = new GrowableFloat64Array(initialCapacity);
  }

  get length(): number {
    return this.x.length;
  }

  /** Filled part of x (a view, no copy; read it again after appending). */
  get xs(): Float64Array {
    return this.x.view();
  }

  /** Filled part of y (a view, no copy; read it again after appending). */
  get ys(): Float64Array {
    return this.y.view();
  }

  /** Appends a batch. Throws RangeError, appending nothing, if lengths differ or x goes backwards. */
  append(xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    if (xs.length !== ys.length) {
      throw new RangeError(`x and y batch lengths differ (${xs.length} vs ${ys.length})`);
    }
    let previous = this.lastX() ?? Number.NEGATIVE_INFINITY;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] ?? Number.NaN;
      if (!Number.isFinite(x) || x < previous) {
        throw new RangeError(`x must be finite and non-decreasing: got ${x} after ${previous}`);
      }
      previous = x;
    }
    this.x.append(xs);
    this.y.append(ys);
  }

  lastX(): number | undefined {
    return this.x.at(this.x.length - 1);
  }

  firstX(): number | undefined {
    return this.x.at(0);
  }

  clear(): void {
    this.x.clear();
    this.y.clear();
  }
}
