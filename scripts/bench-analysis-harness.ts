// What the analysis benchmarks (inspect, attacks, explain) share: a run folder to analyse (trained here for a few
// short epochs, or saved with seeded initial weights when the time does not depend on the weights), an analysis
// session cache on it, and the timing loop (warm-ups, then the median). Benchmarks only: prints nothing, asserts nothing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRun, SessionCache } from '../runtime/analysis';
import { selectBackend, type BackendPreference } from '../runtime/backends';
import { RUN_FILES, writeMeta } from '../runtime/runs';
import { buildModel, checkText, createTrainer, saveModelFiles } from '../runtime/training';

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** Milliseconds to two decimals, as the bench JSON prints them. */
export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

/** Median milliseconds of `repeats` calls of `work` after `warmups` untimed ones (call i gets its index, warm-ups included). */
export async function medianMs(repeats: number, warmups: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < warmups + repeats; i++) {
    const start = performance.now();
    await work(i);
    if (i >= warmups) times.push(performance.now() - start);
  }
  return roundMs(median(times));
}

/** A sample model file copied into a fresh temporary folder, optionally edited (fewer samples); returns its path and text. */
export function copySample(sample: string, prefix: string, edit: (text: string) => string = (text) => text): { dir: string; modelFile: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), `layerlens-bench-${prefix}-`));
  const text = edit(readFileSync(join('samples', sample), 'utf8'));
  const modelFile = join(dir, sample);
  writeFileSync(modelFile, text);
  return { dir, modelFile, text };
}

/** Trains `modelFile` for `epochs` into `<dir>/runs` on `backend`; returns the completed run's folder. */
export async function trainBenchRun(model: { dir: string; modelFile: string; text: string }, epochs: number, backend: BackendPreference, assetsDir = resolve('dist/data')): Promise<string> {
  const trained = await createTrainer({ notify: () => undefined, selectBackend, assetsDir, wasmDir: resolve('dist') }).train({
    modelFile: model.modelFile, text: model.text, runsDir: join(model.dir, 'runs'), epochs, backend: { preference: backend, nodeModuleDirs: [] },
  });
  if (trained.status !== 'completed') throw new Error(`training the bench run failed: ${trained.message ?? trained.status}`);
  return trained.runDir;
}

/** A run folder `<model.dir>/runs/<runId>` holding the model's seeded initial weights (needs a backend selected). */
export async function initialWeightsRun(model: { dir: string; modelFile: string; text: string }, runId: string, seed = 1): Promise<string> {
  const checked = checkText(model.text, model.modelFile);
  if (checked.type === 'error') throw new Error(checked.message);
  const runDir = join(model.dir, 'runs', runId);
  const built = buildModel(checked.spec, seed);
  try {
    await saveModelFiles(built.model, join(runDir, RUN_FILES.model));
  } finally {
    built.model.dispose();
  }
  cpSync(model.modelFile, join(runDir, RUN_FILES.spec));
  writeMeta(runDir, {
    name: checked.spec.name, modelFile: model.modelFile, runId, backend: 'bench', device: 'bench', software: false, reasons: [], versions: {},
    seed, status: 'completed', startedAt: new Date(0).toISOString(), epochsPlanned: 0, epochsDone: 0, final: {},
  });
  return runDir;
}

/** The runtime's session cache, loading runs with the built data assets (and checkpoint epochs). */
export function benchSessionCache(assetsDir = resolve('dist/data')): SessionCache {
  return new SessionCache((runDir, epoch) => loadRun(runDir, { assetsDir, ...(epoch !== undefined ? { epoch } : {}) }));
}

/** The sample's file name without `.model.yaml`. */
export const sampleName = (file: string): string => basename(file).replace(/\.model\.ya?ml$/, '');
