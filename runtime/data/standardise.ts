// Feature/target standardisation with statistics from the training split only,
// so no information leaks from validation into training.
import type { Standardisation } from './types';

/** Mean and (population) std per column of a row-major matrix; std 0 becomes 1 to keep constants finite. */
export function columnStatistics(
  values: Float32Array,
  width: number,
  names: string[],
  units: string[],
): Standardisation {
  const rows = width === 0 ? 0 : values.length / width;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < width; col++) mean[col] = (mean[col] ?? 0) + (values[row * width + col] ?? 0);
  }
  for (let col = 0; col < width; col++) mean[col] = rows > 0 ? (mean[col] ?? 0) / rows : 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < width; col++) {
      const delta = (values[row * width + col] ?? 0) - (mean[col] ?? 0);
      std[col] = (std[col] ?? 0) + delta * delta;
    }
  }
  for (let col = 0; col < width; col++) {
    const deviation = rows > 0 ? Math.sqrt((std[col] ?? 0) / rows) : 0;
    std[col] = deviation > 1e-12 ? deviation : 1;
  }
  return { names, units, mean, std };
}

/** In place: value → (value − mean) / std, column by column. */
export function applyStandardisation(values: Float32Array, scaling: Standardisation): void {
  const width = scaling.mean.length;
  for (let i = 0; i < values.length; i++) {
    const col = i % width;
    values[i] = ((values[i] ?? 0) - (scaling.mean[col] ?? 0)) / (scaling.std[col] ?? 1);
  }
}

/** Raw units → model space, e.g. a height in cm typed by the user. Row-major, one row per example. */
export function standardise(values: readonly number[], scaling: Standardisation): number[] {
  const width = scaling.mean.length;
  return values.map((value, i) => (value - (scaling.mean[i % width] ?? 0)) / (scaling.std[i % width] ?? 1));
}

/** Model space → raw units, e.g. a predicted weight back to kg. Row-major, one row per example. */
export function unstandardise(values: readonly number[], scaling: Standardisation): number[] {
  const width = scaling.mean.length;
  return values.map((value, i) => value * (scaling.std[i % width] ?? 1) + (scaling.mean[i % width] ?? 0));
}
