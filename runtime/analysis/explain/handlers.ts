// The runtime's `explain` and `maximize` requests: resolve the input against a session of the shared session cache
// (validation example N or a tensor), run the method through the session's LayerGraph, and hand back plain data.
// Long methods check the request's cancellation token between chunks, yielding to the event loop first so that a
// `cancel` message can arrive.
import * as tf from '@tensorflow/tfjs';
import type { ExplainParams, ExplainResult, MaximizeParams, MaximizeResult } from '../../protocol';
import type { RequestHandlers } from '../../server';
import { CancellationToken } from '../../ipc/cancellation';
import { checkTensorShape, resolveInput } from '../input';
import type { SessionCache } from '../session-cache';
import type { AnalysisSession } from '../session';
import type { Between } from './chunked-sum';
import { explainInput } from './explain-input';
import { maximize, MAXIMIZE_STEPS, type MaximizeTarget as AscentTarget } from './maximize';

export type ExplainHandlers = Pick<RequestHandlers, 'explain' | 'maximize'>;

export function createExplainHandlers(cache: SessionCache): ExplainHandlers {
  return {
    explain: async (params, { token }) => explainRequest(cache.get(params.sessionId), params, token),
    maximize: async (params, { token, progress }) => maximizeRequest(cache.get(params.sessionId), params, token, progress),
  };
}

/** Yields to the event loop, then throws if the request was cancelled. */
function cancellationPoint(token: CancellationToken): Between {
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    token.throwIfCancelled();
  };
}

/** 1-based line of every layer in the run's model file, for messages that name a layer. */
export function layerLines(session: AnalysisSession): ReadonlyMap<string, number> {
  return new Map(session.check.layers.map((info) => [info.id, info.line]));
}

export async function explainRequest(session: AnalysisSession, params: ExplainParams, token: CancellationToken = CancellationToken.none): Promise<ExplainResult> {
  const resolved = await resolveInput(session, params.input);
  const baseline = params.baseline ? checkTensorShape(params.baseline, session.inputShape) : undefined;
  const baselineTensor = baseline ? tf.tensor(baseline.data, [1, ...baseline.shape], 'float32') : undefined;
  try {
    token.throwIfCancelled();
    const result = await explainInput(session.graph, resolved.x, {
      method: params.method, lines: layerLines(session), between: cancellationPoint(token),
      ...(params.layerId !== undefined ? { layer: params.layerId } : {}),
      ...(params.classIndex !== undefined ? { classIndex: params.classIndex } : {}),
      ...(params.steps !== undefined ? { steps: params.steps } : {}),
      ...(params.samples !== undefined ? { samples: params.samples } : {}),
      ...(params.sigma !== undefined ? { sigma: params.sigma } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      ...(baselineTensor ? { baseline: baselineTensor } : {}),
    });
    token.throwIfCancelled();
    return { ...result, input: resolved.tensor, label: resolved.label };
  } finally {
    resolved.x.dispose();
    baselineTensor?.dispose();
  }
}

/** `progress(done, steps)` is sent before each step (done = steps finished so far) and once at the end. */
export async function maximizeRequest(session: AnalysisSession, params: MaximizeParams, token: CancellationToken = CancellationToken.none,
  progress?: (done: number, total: number) => void): Promise<MaximizeResult> {
  session.assertOpen();
  const target: AscentTarget = 'classIndex' in params.target ? { class: params.target.classIndex } : { layer: params.target.layerId, channel: params.target.channel };
  if ('layer' in target && !session.layerSpec(target.layer)) {
    throw new Error(`unknown layer '${target.layer}'; the model's layers are ${session.layerIds.join(', ')}`);
  }
  const steps = params.steps ?? MAXIMIZE_STEPS;
  const cancellable = cancellationPoint(token);
  let done = 0;
  const between: Between = async () => {
    progress?.(done++, steps);
    await cancellable();
  };
  const result = await maximize(session.graph, target, {
    range: session.clipRange, between, steps, ...(params.seed !== undefined ? { seed: params.seed } : {}),
  });
  progress?.(steps, steps);
  return result;
}
