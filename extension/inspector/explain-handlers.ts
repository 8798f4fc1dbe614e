// The Explain view's requests, answered by the analysis runtime's `explain` and `maximize` on the panel's session of
// the run. Maximize reports its steps to the page (at most 10 times a second); the page's cancel (a newer run, or its
// Cancel button) cancels the runtime request through the signal.
import type { RpcHandlers } from '../../webviews/shared/rpc';
import type { ExplainHostServes } from '../../webviews/inspector/explain/explain-protocol';
import type { AnalysisInput, MaximizeTarget } from '../../runtime/protocol';
import type { AnalysisSessions } from './analysis-sessions';

/** Shortest gap between two progress messages to the page. */
const PROGRESS_INTERVAL_MS = 100;

/** `progress(done, total)`: maximize's steps so far, for the page. */
export function explainHostHandlers(sessions: AnalysisSessions, progress: (done: number, total: number) => void): RpcHandlers<ExplainHostServes> {
  return {
    explain: ({ runDir, epoch, input, method, layerId, classIndex }, signal) => {
      const analysisInput: AnalysisInput = input.kind === 'example' ? { example: input.index } : { tensor: input.tensor };
      return sessions.withSession({ runDir, epoch }, signal, (sessionId) => sessions.request('explain', {
        sessionId, input: analysisInput, method,
        ...(layerId !== undefined ? { layerId } : {}), ...(classIndex !== undefined ? { classIndex } : {}),
      }, signal));
    },
    maximize: async ({ runDir, epoch, target, steps, seed }, signal) => {
      const runtimeTarget: MaximizeTarget = 'classIndex' in target
        ? { classIndex: target.classIndex } : { layerId: target.layerId, channel: target.channel };
      let last = 0;
      const onProgress = (done: number, total: number): void => {
        const now = Date.now();
        if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        progress(done, total);
      };
      const result = await sessions.withSession({ runDir, epoch }, signal, (sessionId) => sessions.request('maximize', {
        sessionId, target: runtimeTarget, steps, seed,
      }, signal, onProgress));
      return { image: result.image, score: result.score, snapshots: result.snapshots, seed: result.seed };
    },
  };
}
