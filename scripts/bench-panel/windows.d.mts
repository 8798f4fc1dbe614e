// Types of windows.mjs (plain JavaScript, run by node without a build step), for the unit test.
export interface Window { start: number; end: number; open: boolean }
export interface WindowRate { open: boolean; batchesPerSecond: number }
export function windowRates(windows: readonly Window[], batchRows: readonly { time: number; epoch: number }[], guardMs: number): WindowRate[];
export function pairedOverheads(rates: readonly WindowRate[]): number[];
export function quantile(values: readonly number[], q: number): number;
