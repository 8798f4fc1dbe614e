// Attacks benchmark, through the runtime's own code paths (attackExample / robustnessOfRun on an analysis session):
//   fgsmPerExampleMedianMs:  one FGSM example on lenet/MNIST (the Adversarial view's ε slider), median of 20
//   pgd10PerExampleMedianMs: one PGD-10 example, median of 20
//   robustnessFgsmMs / robustnessPgd10Ms: the robustness curve over 500 validation examples × 4 ε
// lenet is trained here for one epoch (6,000 digits, so the split holds 600 validation examples). Default backend
// wasm (the target: under 100 ms per FGSM on wasm). Prints JSON; asserts nothing. Needs `npm run build`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRun, SessionCache } from '../runtime/analysis';
import { attackExample, robustnessOfRun } from '../runtime/analysis/attacks';
import { selectBackend, type BackendPreference } from '../runtime/backends';
import { createTrainer } from '../runtime/training';

export interface BenchAttacksOptions {
  readonly backend?: BackendPreference;
  readonly repeats?: number;
  readonly log?: (line: string) => void;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function benchAttacks(options: BenchAttacksOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((): void => undefined);
  const repeats = options.repeats ?? 20;
  const assetsDir = resolve('dist/data');
  const selection = await selectBackend({ preference: options.backend ?? 'wasm', nodeModuleDirs: [], wasmDir: resolve('dist') });
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-bench-attacks-'));
  log(`attacks bench on ${selection.backend}: training lenet for one epoch…`);
  const modelFile = join(dir, 'lenet.model.yaml');
  const text = readFileSync('samples/lenet.model.yaml', 'utf8');
  writeFileSync(modelFile, text);
  const trained = await createTrainer({ notify: () => undefined, selectBackend, assetsDir, wasmDir: resolve('dist') }).train({
    modelFile, text, runsDir: join(dir, 'runs'), epochs: 1, backend: { preference: selection.backend, nodeModuleDirs: [] },
  });
  if (trained.status !== 'completed') throw new Error(`training the bench run failed: ${trained.message ?? trained.status}`);
  const cache = new SessionCache((runDir) => loadRun(runDir, { assetsDir }));
  const session = await cache.open(trained.runDir, undefined);
  try {
    const perExample = async (attack: 'fgsm' | 'pgd'): Promise<number> => {
      const times: number[] = [];
      for (let i = -3; i < repeats; i++) {
        const start = performance.now();
        await attackExample(session, { input: { example: (i + 3) % 50 }, attack, epsilon: 0.1, ...(attack === 'pgd' ? { steps: 10 } : {}) });
        if (i >= 0) times.push(performance.now() - start);
      }
      return round(median(times));
    };
    log('attacks bench: one example, FGSM and PGD-10…');
    const fgsm = await perExample('fgsm');
    const pgd = await perExample('pgd');
    const epsilons = [0, 0.05, 0.1, 0.2];
    const curve = async (attack: 'fgsm' | 'pgd'): Promise<{ ms: number; accuracy: readonly number[] }> => {
      log(`attacks bench: ${attack} robustness curve, 500 examples × ${epsilons.length} ε…`);
      const start = performance.now();
      const result = await robustnessOfRun(session, { attack, epsilons, samples: 500, ...(attack === 'pgd' ? { steps: 10 } : {}) }, undefined, { store: false });
      return { ms: round(performance.now() - start), accuracy: result.accuracy.map((a) => Math.round(a * 1000) / 1000) };
    };
    const fgsmCurve = await curve('fgsm');
    const pgdCurve = await curve('pgd');
    return {
      backend: selection.backend, device: selection.device, repeats, epsilon: 0.1,
      fgsmPerExampleMedianMs: fgsm, pgd10PerExampleMedianMs: pgd,
      robustness: { samples: 500, epsilons, fgsmMs: fgsmCurve.ms, pgd10Ms: pgdCurve.ms, fgsmAccuracy: fgsmCurve.accuracy, pgd10Accuracy: pgdCurve.accuracy },
    };
  } finally {
    cache.clear();
  }
}
