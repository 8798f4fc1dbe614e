// Sum-all-reduce across the training workers through one SharedArrayBuffer: every rank writes its vector into its
// own slot, waits at a barrier, then sums the slots in rank order, so all ranks get bit-identical results. Slots are
// double-buffered by call parity: a rank can only write call c+2 after everyone has passed call c+1's barrier, that
// is after everyone has finished reading call c, so one barrier per call suffices.
// Only workers block (Atomics.wait); the runtime's main thread never does, so it keeps receiving crash events.

/** Int32 control words at the start of the buffer. */
const ARRIVED = 0;
const GENERATION = 1;
/** Set by the coordinator (or a failing rank) to release every waiting rank with an error. */
const ABORT = 2;
/** The trainer's verdict on the newest step: step-gate.ts. */
export const GATE_WORD = 3;
export const CONTROL_WORDS = 4;
/** A rank that waits longer than this re-checks ABORT; it never gives up on its own (steps can be slow). */
export const WAIT_SLICE_MS = 1000;

export class AbortedError extends Error {}

export interface AllReduceLayout {
  readonly buffer: SharedArrayBuffer;
  readonly ranks: number;
  /** Floats per slot: the largest vector one call may reduce. */
  readonly slotFloats: number;
}

export function createAllReduceBuffer(ranks: number, slotFloats: number): AllReduceLayout {
  const bytes = CONTROL_WORDS * 4 + 2 * ranks * slotFloats * 4;
  return { buffer: new SharedArrayBuffer(bytes), ranks, slotFloats };
}

/** Releases every rank blocked in a barrier; they throw AbortedError. Safe to call from any thread. */
export function abortAllReduce(layout: AllReduceLayout): void {
  const control = new Int32Array(layout.buffer, 0, CONTROL_WORDS);
  Atomics.store(control, ABORT, 1);
  Atomics.add(control, GENERATION, 1);
  Atomics.notify(control, GENERATION);
  Atomics.notify(control, GATE_WORD);
}

/** Throws AbortedError once abortAllReduce has been called on `control` (the buffer's control words). */
export function throwIfAborted(control: Int32Array): void {
  if (Atomics.load(control, ABORT) !== 0) throw new AbortedError('training stopped: another worker failed');
}

export class AllReduce {
  private readonly control: Int32Array;
  private calls = 0;

  constructor(private readonly layout: AllReduceLayout, private readonly rank: number) {
    this.control = new Int32Array(layout.buffer, 0, CONTROL_WORDS);
  }

  /** Element-wise sum of `values` over all ranks (every rank must call with the same length, in the same order). */
  sum(values: Float32Array): Float32Array {
    const { ranks, slotFloats } = this.layout;
    if (values.length > slotFloats) throw new Error(`all-reduce of ${values.length} floats exceeds the slot of ${slotFloats}`);
    const parity = this.calls++ % 2;
    const slot = (rank: number): Float32Array =>
      new Float32Array(this.layout.buffer, (CONTROL_WORDS + (parity * ranks + rank) * slotFloats) * 4, values.length);
    slot(this.rank).set(values);
    this.barrier();
    const total = new Float32Array(values.length);
    for (let rank = 0; rank < ranks; rank++) {
      const part = slot(rank);
      for (let i = 0; i < total.length; i++) total[i] = (total[i] ?? 0) + (part[i] ?? 0);
    }
    return total;
  }

  /** Sense-free generation barrier: the last rank to arrive resets the count and bumps the generation. */
  private barrier(): void {
    const control = this.control;
    this.throwIfAborted();
    const generation = Atomics.load(control, GENERATION);
    if (Atomics.add(control, ARRIVED, 1) === this.layout.ranks - 1) {
      Atomics.store(control, ARRIVED, 0);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
      return;
    }
    while (Atomics.load(control, GENERATION) === generation) {
      Atomics.wait(control, GENERATION, generation, WAIT_SLICE_MS);
      this.throwIfAborted();
    }
    this.throwIfAborted();
  }

  private throwIfAborted(): void {
    throwIfAborted(this.control);
  }
}
