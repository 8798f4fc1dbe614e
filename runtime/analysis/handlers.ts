// The runtime's analysis requests (openRun, featureMaps, examples, closeRun) over one session cache. Each openRun
// names the backend the extension wants; sessions loaded on another backend are dropped when it changes.
import type { BackendSelection } from '../backends';
import type { BackendOptions } from '../protocol';
import type { RequestHandlers } from '../server';
import { examples } from './examples';
import { featureMaps } from './feature-maps';
import { loadRun } from './run-loader';
import { SessionCache } from './session-cache';

export type AnalysisHandlers = Pick<RequestHandlers, 'openRun' | 'featureMaps' | 'examples' | 'closeRun'>;

export interface AnalysisDeps {
  /** Loads (once) and activates the backend the extension asks for. */
  readonly selectBackend: (options: BackendOptions) => Promise<BackendSelection>;
  /** Folder of packed data assets (mnist), as for training. */
  readonly assetsDir: string;
  /** Loaded runs kept at once (default 2). */
  readonly capacity?: number;
}

export function createAnalysisHandlers(deps: AnalysisDeps): AnalysisHandlers & { readonly cache: SessionCache } {
  const cache = new SessionCache((runDir, epoch) => loadRun(runDir, { assetsDir: deps.assetsDir, ...(epoch !== undefined ? { epoch } : {}) }), deps.capacity);
  let backendName: string | undefined;
  return {
    cache,
    openRun: async ({ runDir, epoch, backend }, { token }) => {
      const selection = await deps.selectBackend(backend);
      if (backendName !== undefined && backendName !== selection.tfBackendName) cache.clear();
      backendName = selection.tfBackendName;
      token.throwIfCancelled();
      const session = await cache.open(runDir, epoch);
      return session.describe();
    },
    featureMaps: ({ sessionId, layerIds, input }, { token }) => featureMaps(cache.get(sessionId), layerIds, input, token),
    examples: ({ sessionId, ...page }, { token }) => examples(cache.get(sessionId), page, token),
    closeRun: ({ sessionId }) => Promise.resolve({ closed: cache.close(sessionId) }),
  };
}
