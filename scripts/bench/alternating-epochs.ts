// Two (or more) training variants timed in one process with their epochs alternating (A, B, A, B, …), so that load
// from other processes falls on all alike. Each variant's epoch is sized from a short calibration to last at least
// `minEpochSeconds`, and lengthened once when the machine got faster. Used by the worker-scaling and the fused-vs-stock
// optimizer benches.
import { performance } from 'node:perf_hooks';
import { round3, spread, type Spread } from './stats';

/** Trains `batches` batches (cycling over the variant's pool) and resolves when the last update is applied. */
export type TimedVariant = (batches: number) => Promise<void>;

export interface AlternatingOptions {
  readonly epochs: number;
  readonly minEpochSeconds: number;
}

/** What the benches' options share: which models, how long, and where progress lines go. */
export interface AlternatingBenchOptions<Model extends string> extends AlternatingOptions {
  readonly models: readonly Model[];
  readonly log: (line: string) => void;
}

async function timeBatches(variant: TimedVariant, batches: number): Promise<number> {
  const start = performance.now();
  await variant(batches);
  return (performance.now() - start) / 1000;
}

async function calibrate(variant: TimedVariant, minSeconds: number): Promise<number> {
  await variant(2); // warm-up: kernel set-up
  const seconds = await timeBatches(variant, 8);
  return Math.max(8, Math.ceil((8 / seconds) * 1.2 * minSeconds));
}

/** Samples/s of every epoch of each variant (median and spread), and the batches in each variant's epoch. */
export async function alternateEpochs<Key extends string>(variants: Readonly<Record<Key, TimedVariant>>, batchSize: number,
  options: AlternatingOptions): Promise<{ rates: Record<Key, Spread>; batchesPerEpoch: Record<Key, number> }> {
  const keys = Object.keys(variants) as Key[];
  const lengths = {} as Record<Key, number>;
  for (const key of keys) lengths[key] = await calibrate(variants[key], options.minEpochSeconds);
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<Key, number[]>;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const key of keys) {
      let seconds = await timeBatches(variants[key], lengths[key]);
      if (seconds < options.minEpochSeconds) { // lengthen once when the machine got faster
        lengths[key] = Math.ceil((lengths[key] * 1.2 * options.minEpochSeconds) / seconds);
        seconds = await timeBatches(variants[key], lengths[key]);
      }
      samples[key].push((lengths[key] * batchSize) / seconds);
    }
  }
  const rates = Object.fromEntries(keys.map((key) => [key, spread(samples[key])])) as Record<Key, Spread>;
  return { rates, batchesPerEpoch: lengths };
}

/** A spread rounded for JSON output. */
export function roundSpread(s: Spread): Spread {
  return { median: round3(s.median), min: round3(s.min), max: round3(s.max), values: s.values.map(round3) };
}
