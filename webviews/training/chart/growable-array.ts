/**
 * Append-only Float64Array with amortised O(1) appends: when full, the capacity doubles and the
 * contents are copied once. Indices below `length` are valid; the tail of the buffer is unused.
 */
export class GrowableFloat64Array {
  private buffer: Float64Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Float64Array(Math.max(1, Math.floor(initialCapacity)));
  }

  get length(): number {
    return this.size;
  }

  get capacity(): number {
    return this.buffer.length;
  }

  /**
   * The whole backing buffer; only indices below `length` hold data. The reference changes when the
   * array grows, so read it again after every append instead of keeping it.
   */
  get backing(): Float64Array {
    return this.buffer;
  }

  /** A view of the filled part (no copy); stale after the next growth, like `backing`. */
  view(): Float64Array {
    return this.buffer.subarray(0, this.size);
  }

  at(index: number): number | undefined {
    return index >= 0 && index < this.size ? this.buffer[index] : undefined;
  }

  append(values: ArrayLike<number>): void {
    this.reserve(this.size + values.length);
    if (ArrayBuffer.isView(values)) {
      this.buffer.set(values, this.size);
    } else {
      for (let i = 0; i < values.length; i++) this.buffer[this.size + i] = values[i] ?? Number.NaN;
    }
    this.size += values.length;
  }

  push(value: number): void {
    this.reserve(this.size + 1);
    this.buffer[this.size++] = value;
  }

  /** Overwrites an existing element (used to rewrite values that are not final yet). */
  set(index: number, value: number): void {
    if (index < 0 || index >= this.size) throw new RangeError(`index ${index} outside [0, ${this.size})`);
    this.buffer[index] = value;
  }

  clear(): void {
    this.size = 0;
  }

  private reserve(needed: number): void {
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length;
    while (capacity < needed) capacity *= 2;
    const grown = new Float64Array(capacity);
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }
}
