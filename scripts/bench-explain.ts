// Explanation benchmark: Grad-CAM and Integrated Gradients (m = 50) for one validation example of
// samples/resnet-block.model.yaml, through the runtime's `explain` request handler (session cache, input
// resolution, method, reads), median of 20 after 2 warm-ups. The run folder holds seeded random weights: the time
// does not depend on the weights' values, and it saves training the model. Prints JSON; asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRun, SessionCache } from '../runtime/analysis';
import { createExplainHandlers } from '../runtime/analysis/explain/handlers';
import { selectBackend } from '../runtime/backends';
import { CancellationToken } from '../runtime/ipc/cancellation';
import type { BackendPreference, ExplainParams } from '../runtime/protocol';
import { RUN_FILES, writeMeta } from '../runtime/runs';
import { buildModel, checkText, saveModelFiles } from '../runtime/training';

const MODEL_FILE = 'samples/resnet-block.model.yaml';

async function writeRandomRun(): Promise<string> {
  const text = readFileSync(MODEL_FILE, 'utf8');
  const checked = checkText(text, MODEL_FILE);
  if (checked.type !== 'ok') throw new Error(checked.message);
  const runDir = join(mkdtempSync(join(tmpdir(), 'layerlens-bench-explain-')), 'run');
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, RUN_FILES.spec), text);
  writeMeta(runDir, {
    name: checked.spec.name, modelFile: MODEL_FILE, runId: 'bench', backend: 'cpu', device: 'bench', software: false, reasons: [],
    versions: {}, seed: 42, status: 'completed', startedAt: new Date(0).toISOString(), epochsPlanned: 1, epochsDone: 1, final: {},
  });
  const built = buildModel(checked.spec, 42);
  try {
    await saveModelFiles(built.model, join(runDir, RUN_FILES.model));
  } finally {
    built.model.dispose();
  }
  return runDir;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export interface BenchExplainOptions {
  readonly backends?: readonly BackendPreference[];
  readonly repeats?: number;
  readonly log?: (line: string) => void;
}

export async function benchExplain(options: BenchExplainOptions = {}): Promise<Record<string, unknown>> {
  const repeats = options.repeats ?? 20;
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] }); // building the weights needs a backend
  const runDir = await writeRandomRun();
  const results: Record<string, unknown> = { model: MODEL_FILE, input: 'validation example 0', repeats };
  for (const preference of options.backends ?? (['auto'] as const)) {
    try {
      const selection = await selectBackend({ preference, nodeModuleDirs: [] });
      const backend: string = selection.tfBackendName;
      const cache = new SessionCache((dir, epoch) => loadRun(dir, { assetsDir: 'dist/data', ...(epoch !== undefined ? { epoch } : {}) }));
      const handlers = createExplainHandlers(cache);
      const session = await cache.open(runDir, undefined);
      const timings: Record<string, number> = {};
      const requests: [string, ExplainParams][] = [
        ['gradcamMs', { sessionId: session.id, input: { example: 0 }, method: 'gradcam' }],
        ['integratedGradients50Ms', { sessionId: session.id, input: { example: 0 }, method: 'ig', steps: 50 }],
      ];
      for (const [name, params] of requests) {
        const times: number[] = [];
        for (let i = 0; i < repeats + 2; i++) {
          const start = performance.now();
          await handlers.explain(params, { token: CancellationToken.none, progress: () => undefined });
          if (i >= 2) times.push(performance.now() - start);
        }
        timings[name] = Number(median(times).toFixed(2));
        options.log?.(`explain bench ${backend}: ${name} ${timings[name]}`);
      }
      cache.clear();
      results[preference === 'auto' ? `auto (${backend})` : backend] = timings;
    } catch (error) {
      results[preference] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return results;
}
