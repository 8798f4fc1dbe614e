// Seeded randomness of a run. Every draw comes from a stream derived from the run seed and a purpose such as
// `epoch-3` or `dropout@120`, so the state needed to continue a run identically after a resume is just the seed and
// the epoch/step counters (see CheckpointState.prng).

/** mulberry32: tiny, fast, good enough for shuffling and dropout seeds. Uniform floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of seed and purpose (FNV-1a). */
export function derivedSeed(seed: number, purpose: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < purpose.length; i++) hash = Math.imul(hash ^ purpose.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Order in which epoch `epoch` visits the `n` training examples (Fisher–Yates). */
export function epochOrder(seed: number, epoch: number, n: number): Int32Array {
  const random = mulberry32(derivedSeed(seed, `epoch-${epoch}`));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = held;
  }
  return order;
}

/** A fresh run seed when the model file sets none (recorded in meta.json so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}
