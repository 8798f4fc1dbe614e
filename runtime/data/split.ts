// Train/validation splitting. Stratified: validation gets round(n × fraction) examples, apportioned to
// the strata (classes) by largest remainder, so each class contributes floor or ceil of
// count × fraction and keeps its proportion in both splits.
import { DataError } from './errors';
import { shuffleInPlace, type Random } from './random';

export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
}

export const MAX_VALIDATION_SPLIT = 0.9;

export function checkValidationSplit(fraction: number): void {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > MAX_VALIDATION_SPLIT) {
    throw new DataError(`validationSplit must be between 0 and ${MAX_VALIDATION_SPLIT}, got ${fraction}`);
  }
}

/**
 * Splits example indices 0..strata.length-1. Examples with the same stratum value are split
 * together; pass all zeros for a plain random split. Both outputs are shuffled.
 */
export function stratifiedSplit(strata: Int32Array, fraction: number, random: Random): SplitIndices {
  checkValidationSplit(fraction);
  return partitionByStratum(strata, fraction, random);
}

/**
 * A stratified random subset of exactly `size` examples (floor or ceil of count × size / n per stratum),
 * returned in ascending index order.
 */
export function stratifiedSubset(strata: Int32Array, size: number, random: Random): Int32Array {
  if (size >= strata.length) return Int32Array.from({ length: strata.length }, (_, i) => i);
  return partitionByStratum(strata, size / strata.length, random).validation.sort();
}

function partitionByStratum(strata: Int32Array, fraction: number, random: Random): SplitIndices {
  const groups = new Map<number, number[]>();
  strata.forEach((stratum, index) => {
    const group = groups.get(stratum);
    if (group) group.push(index);
    else groups.set(stratum, [index]);
  });
  const train: number[] = [];
  const validation: number[] = [];
  // Sorted keys: the result must not depend on the order in which strata first appear.
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const quotas = apportion(keys.map((key) => groups.get(key)?.length ?? 0), Math.round(strata.length * fraction));
  keys.forEach((key, k) => {
    const members = groups.get(key) ?? [];
    shuffleInPlace(members, random);
    const held = quotas[k] ?? 0;
    // Plain loops: spreading a very large group into push() would overflow the call stack.
    members.forEach((index, position) => (position < held ? validation : train).push(index));
  });
  shuffleInPlace(train, random);
  shuffleInPlace(validation, random);
  return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

/** Splits `total` over groups in proportion to their sizes (largest remainder; ties go to earlier groups). */
function apportion(sizes: number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  if (n === 0) return sizes.map(() => 0);
  const exact = sizes.map((size) => (size * total) / n);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    quotas[i] = (quotas[i] ?? 0) + 1;
    left--;
  }
  return quotas;
}
