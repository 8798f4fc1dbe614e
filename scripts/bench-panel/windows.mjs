// Statistics of the panel bench's interleaved design: one training run alternates between windows with the panel
// "open" (notifications streamed into it) and "closed" (notifications dropped), and each window's training rate is
// read from the batch rows' own timestamps. Comparing neighbouring windows of the same run cancels what differs
// between runs (on this 2-vCPU VM separate runs of the same model differ by 20-40%), so a 3% overhead is visible.

/**
 * Batches per second of each window: batch steps whose start and end both fall in the window, after its first
 * `guardMs` (the panel may still be drawing what the previous open window sent), over the time they took. A step
 * that crosses an epoch end is left out: validation, the checkpoint write and the epoch's decision-boundary frame
 * fall there, take the same time with the panel open or closed, and land in a window by chance (LeNet's epochs last
 * ~2.5 s, XOR's ~40 ms with a file write each), which made window rates swing by ±30%.
 * @param {{ start: number, end: number, open: boolean }[]} windows  wall-clock milliseconds (Date.now), in order
 * @param {{ time: number, epoch: number }[]} batchRows  every batch row, in order
 * @param {number} guardMs
 * @returns {{ open: boolean, batchesPerSecond: number }[]}
 */
export function windowRates(windows, batchRows, guardMs) {
  return windows.map(({ start, end, open }) => {
    const from = start + guardMs;
    let steps = 0;
    let milliseconds = 0;
    for (let i = 1; i < batchRows.length; i++) {
      const [previous, row] = [batchRows[i - 1], batchRows[i]];
      if (previous.time < from || row.time >= end || previous.epoch !== row.epoch) continue;
      steps++;
      milliseconds += row.time - previous.time;
    }
    return { open, batchesPerSecond: milliseconds > 0 ? (steps * 1000) / milliseconds : 0 };
  });
}

/**
 * For each open window with a closed window on both sides: 1 − its rate / the mean of its neighbours' rates (the
 * share of training speed the panel took, drift between neighbours averaged out).
 * @param {{ open: boolean, batchesPerSecond: number }[]} rates
 * @returns {number[]}
 */
export function pairedOverheads(rates) {
  const overheads = [];
  for (let i = 1; i + 1 < rates.length; i++) {
    const [before, window, after] = [rates[i - 1], rates[i], rates[i + 1]];
    if (!window.open || before.open || after.open) continue;
    const closed = (before.batchesPerSecond + after.batchesPerSecond) / 2;
    if (closed > 0) overheads.push(1 - window.batchesPerSecond / closed);
  }
  return overheads;
}

/** @param {number[]} values @param {number} q in [0, 1] */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
