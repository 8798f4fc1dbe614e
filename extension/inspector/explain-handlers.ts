// The Explain view's request, answered by the analysis runtime's `explain` on the panel's session of the run.
import type { RpcHandlers } from '../../webviews/shared/rpc';
import type { ExplainHostServes } from '../../webviews/inspector/explain/explain-protocol';
import type { AnalysisInput } from '../../runtime/protocol';
import type { AnalysisSessions } from './analysis-sessions';

export function explainHostHandlers(sessions: AnalysisSessions): RpcHandlers<ExplainHostServes> {
  return {
    explain: ({ runDir, epoch, input, method, layerId, classIndex }, signal) => {
      const analysisInput: AnalysisInput = input.kind === 'example' ? { example: input.index } : { tensor: input.tensor };
      return sessions.withSession({ runDir, epoch }, signal, (sessionId) => sessions.request('explain', {
        sessionId, input: analysisInput, method,
        ...(layerId !== undefined ? { layerId } : {}), ...(classIndex !== undefined ? { classIndex } : {}),
      }, signal));
    },
  };
}
