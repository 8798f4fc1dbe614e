// Seeded randomness of a run. Every draw comes from a stream derived from the run seed and a purpose such as
// `epoch-3` or `dropout@120`, so the state needed to continue a run identically after a resume is just the seed and
// the epoch/step counters (see CheckpointState.prng).
import { derivedSeed, permutation, streamFor } from '../data/random';

export { derivedSeed };

/** Order in which epoch `epoch` visits the `n` training examples (Fisher–Yates). */
export function epochOrder(seed: number, epoch: number, n: number): Int32Array {
  return permutation(n, streamFor(seed, `epoch-${epoch}`));
}

/** A fresh run seed when the model file sets none (recorded in meta.json so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}
