// Small seeded PRNG utilities, so every dataset and every run is reproducible from one integer seed.

/** A function returning uniform floats in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny 32-bit PRNG, plenty for data generation and shuffling. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed derived from a seed and a purpose (FNV-1a over the purpose, mixed with the seed). */
export function derivedSeed(seed: number, purpose: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < purpose.length; i++) hash = Math.imul(hash ^ purpose.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Independent stream per purpose ('generate', 'split', 'shuffle-labels'), so that e.g. changing
 * validationSplit does not change the generated examples.
 */
export function streamFor(seed: number, purpose: string): Random {
  return mulberry32(derivedSeed(seed, purpose));
}

/** Integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Uniform float in [low, high). */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

/** Standard normal sample (Box–Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random(); // (0, 1], keeps log finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** In-place Fisher–Yates shuffle. */
export function shuffleInPlace<T>(items: { length: number; [index: number]: T }, random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, random: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, random);
  return order;
}
