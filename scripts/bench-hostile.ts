// Issue 11's worst-case model files: how long the checker takes on each (median of 3 after a warm-up; this is the
// worker's time), and how long the calling thread — the extension host's, in the extension — is ever blocked while
// the worker checks all of them at once (the longest gap of a 1 ms timer). Targets: each check < 200 ms, no stall.
import { resolve } from 'node:path';
import { checkModel } from '../runtime/language/index';
import { CheckWorkerClient } from '../extension/language/check-worker/check-worker-client';
import { WORST_CASES } from '../test/fixtures/hostile-models';

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] ?? 0);
}

/** The longest time the event loop of this thread did not run while `work` was pending. */
async function longestStallMs(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await work();
  clearInterval(timer);
  return Math.round(longest);
}

export async function benchHostile(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const texts = Object.entries(WORST_CASES).map(([name, make]) => [name, make()] as const);
  for (const [name, text] of texts) {
    checkModel(text, `${name}.model.yaml`);
    results[`hostile.${name}.kB`] = Math.round(text.length / 1024);
    results[`hostile.${name}.checkMs`] = medianMs(3, () => checkModel(text, `${name}.model.yaml`));
  }
  const client = new CheckWorkerClient(resolve('dist/check-worker.js'));
  try {
    results['hostile.hostThreadLongestStallMs'] = await longestStallMs(() =>
      Promise.all(texts.map(([name, text]) => client.check(text, `${name}.model.yaml`))));
  } finally {
    client.dispose();
  }
  return results;
}
