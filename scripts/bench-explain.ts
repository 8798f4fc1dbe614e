// Explanation benchmark: Grad-CAM and Integrated Gradients (m = 50) for one validation example of
// samples/resnet-block.model.yaml, through the runtime's `explain` request handler (session cache, input
// resolution, method, reads), median of 20 after 2 warm-ups. The run folder holds seeded random weights: the time
// does not depend on the weights' values, and it saves training the model. Prints JSON; asserts nothing.
import { createExplainHandlers } from '../runtime/analysis/explain/handlers';
import { selectBackend } from '../runtime/backends';
import { CancellationToken } from '../runtime/ipc/cancellation';
import type { BackendPreference, ExplainParams } from '../runtime/protocol';
import { benchSessionCache, copySample, initialWeightsRun, medianMs } from './bench-analysis-harness';

const MODEL_FILE = 'samples/resnet-block.model.yaml';

export interface BenchExplainOptions {
  readonly backends?: readonly BackendPreference[];
  readonly repeats?: number;
  readonly log?: (line: string) => void;
}

export async function benchExplain(options: BenchExplainOptions = {}): Promise<Record<string, unknown>> {
  const repeats = options.repeats ?? 20;
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] }); // building the weights needs a backend
  const runDir = await initialWeightsRun(copySample('resnet-block.model.yaml', 'explain'), 'bench', 42);
  const results: Record<string, unknown> = { model: MODEL_FILE, input: 'validation example 0', repeats };
  for (const preference of options.backends ?? (['auto'] as const)) {
    try {
      const selection = await selectBackend({ preference, nodeModuleDirs: [] });
      const backend: string = selection.tfBackendName;
      const cache = benchSessionCache();
      const handlers = createExplainHandlers(cache);
      const session = await cache.open(runDir, undefined);
      const timings: Record<string, number> = {};
      const requests: [string, ExplainParams][] = [
        ['gradcamMs', { sessionId: session.id, input: { example: 0 }, method: 'gradcam' }],
        ['integratedGradients50Ms', { sessionId: session.id, input: { example: 0 }, method: 'ig', steps: 50 }],
      ];
      for (const [name, params] of requests) {
        const ms = await medianMs(repeats, 2, () => handlers.explain(params, { token: CancellationToken.none, progress: () => undefined }));
        timings[name] = ms;
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
