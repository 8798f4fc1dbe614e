// Attacks benchmark, through the runtime's own code paths (attackExample / robustnessOfRun on an analysis session):
//   fgsmPerExampleMedianMs:  one FGSM example on lenet/MNIST (the Adversarial view's ε slider), median of 20
//   pgd10PerExampleMedianMs: one PGD-10 example, median of 20
//   robustnessFgsmMs / robustnessPgd10Ms: the robustness curve over 500 validation examples × 4 ε
// lenet is trained here for one epoch (6,000 digits, so the split holds 600 validation examples). Default backend
// wasm (the target: under 100 ms per FGSM on wasm). Prints JSON; asserts nothing. Needs `npm run build`.
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { attackExample, robustnessOfRun } from '../runtime/analysis/attacks';
import { selectBackend, type BackendPreference } from '../runtime/backends';
import { benchSessionCache, copySample, medianMs, roundMs, trainBenchRun } from './bench-analysis-harness';

export interface BenchAttacksOptions {
  readonly backend?: BackendPreference;
  readonly repeats?: number;
  readonly log?: (line: string) => void;
}

export async function benchAttacks(options: BenchAttacksOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((): void => undefined);
  const repeats = options.repeats ?? 20;
  const selection = await selectBackend({ preference: options.backend ?? 'wasm', nodeModuleDirs: [], wasmDir: resolve('dist') });
  log(`attacks bench on ${selection.backend}: training lenet for one epoch…`);
  const runDir = await trainBenchRun(copySample('lenet.model.yaml', 'attacks'), 1, selection.backend);
  const cache = benchSessionCache();
  const session = await cache.open(runDir, undefined);
  try {
    const perExample = (attack: 'fgsm' | 'pgd'): Promise<number> => medianMs(repeats, 3, (i) => attackExample(session, {
      input: { example: i % 50 }, attack, epsilon: 0.1, ...(attack === 'pgd' ? { steps: 10 } : {}),
    }));
    log('attacks bench: one example, FGSM and PGD-10…');
    const fgsm = await perExample('fgsm');
    const pgd = await perExample('pgd');
    const epsilons = [0, 0.05, 0.1, 0.2];
    const curve = async (attack: 'fgsm' | 'pgd'): Promise<{ ms: number; accuracy: readonly number[] }> => {
      log(`attacks bench: ${attack} robustness curve, 500 examples × ${epsilons.length} ε…`);
      const start = performance.now();
      const result = await robustnessOfRun(session, { attack, epsilons, samples: 500, ...(attack === 'pgd' ? { steps: 10 } : {}) }, undefined, { store: false });
      return { ms: roundMs(performance.now() - start), accuracy: result.accuracy.map((a) => Math.round(a * 1000) / 1000) };
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
