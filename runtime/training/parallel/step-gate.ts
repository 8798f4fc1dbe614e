// The gate of pipelined data-parallel steps. The trainer sends step s+1 to the workers before it has read step s's
// result, so that a worker goes on from one step to the next without waiting for a message from the main thread
// (whose event loop also writes metrics and progress). Whether step s+1 happens at all is the trainer's decision,
// taken after step s (the run may be stopped, or fail on a non-finite loss). So each worker computes step s+1's
// gradients and sums them with the other workers, then waits here before it applies them; the trainer writes its
// verdict into one shared word: s+1 (apply) or -(s+1) (discard). Every worker reads the same word, so they agree, and
// a discarded step leaves the weights and the optimizer state as they were.
import { CONTROL_WORDS, GATE_WORD, throwIfAborted, WAIT_SLICE_MS, type AllReduceLayout } from './all-reduce';

const controlWords = (layout: AllReduceLayout): Int32Array => new Int32Array(layout.buffer, 0, CONTROL_WORDS);

function setVerdict(layout: AllReduceLayout, verdict: number): void {
  const control = controlWords(layout);
  Atomics.store(control, GATE_WORD, verdict);
  Atomics.notify(control, GATE_WORD);
}

/** Lets the workers apply step `step` (a global step number, ≥ 1). Never blocks; any thread. */
export function releaseStep(layout: AllReduceLayout, step: number): void {
  setVerdict(layout, step);
}

/** Makes the workers discard step `step` after its all-reduce. Never blocks; any thread. */
export function cancelStep(layout: AllReduceLayout, step: number): void {
  setVerdict(layout, -step);
}

/**
 * Workers only: blocks until the trainer has decided on step `step`; true to apply it, false to discard it. The
 * trainer decides on step s+1 only after every worker has reported step s, so the word holds s+1, -(s+1) or an older
 * step here. Throws AbortedError when the run is aborted meanwhile.
 */
export function awaitVerdict(layout: AllReduceLayout, step: number): boolean {
  const control = controlWords(layout);
  for (;;) {
    throwIfAborted(control);
    const verdict = Atomics.load(control, GATE_WORD);
    if (verdict === step) return true;
    if (verdict === -step) return false;
    Atomics.wait(control, GATE_WORD, verdict, WAIT_SLICE_MS);
  }
}
