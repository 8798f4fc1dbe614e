// Attacks on an opened run (an AnalysisSession): one input (the Adversarial view's ε slider, `layerlens attack`),
// and the robustness curve over the first N validation examples (stored in the run's robustness.json).
import * as tf from '@tensorflow/tfjs';
import { CancellationToken } from '../../ipc/cancellation';
import { formatShape } from '../../language';
import type { AttackParams as AttackRequestParams, AttackResult, RobustnessParams, RobustnessResult } from '../../protocol';
import { resolveInput } from '../input';
import type { AnalysisSession } from '../session';
import { craftAdversarial } from './l-inf-attacks';
import { classCount, labelsOfTargets, readValues, targetsFor } from './labels';
import { linfPerExample } from './projection';
import { robustAccuracy } from './robustness';
import { storeRobustness } from './robustness-file';
import { sanityFindings } from './sanity';
import { DEFAULT_PGD_STEPS, stepSizeOf, type AttackedModel, type ValidRange } from './types';

/** Validation examples a robustness curve uses by default. */
export const DEFAULT_ROBUSTNESS_SAMPLES = 500;

function attackedModelOf(session: AnalysisSession): AttackedModel {
  session.assertOpen();
  if (session.task !== 'classification') throw new Error(`attacks need a classification run; this one is ${session.task}`);
  return { graph: session.graph, loss: session.spec.train.loss };
}

const rangeOf = (session: AnalysisSession): ValidRange => ({ lo: session.clipRange[0], hi: session.clipRange[1] });

function checkClass(name: string, value: number, classes: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value < classes)) throw new Error(`${name} ${value} is not a class of this model (0 to ${classes - 1})`);
}

export async function attackExample(
  session: AnalysisSession, params: Omit<AttackRequestParams, 'sessionId'>, token: CancellationToken = CancellationToken.none,
): Promise<AttackResult> {
  const model = attackedModelOf(session);
  const classes = classCount(session.graph);
  const target = params.target ?? null;
  if (target !== null) checkClass('target', target, classes);
  if (params.label !== undefined) checkClass('label', params.label, classes);
  const resolved = await resolveInput(session, params.input);
  try {
    const probsBefore = Float32Array.from(await readValues(() => model.graph.run(resolved.x).output.reshape([-1])));
    const predicted = predictedClass(probsBefore);
    const label = params.label ?? (params.labelSource !== 'predicted' && resolved.label !== null ? resolved.label : predicted);
    token.throwIfCancelled();
    const seed = params.seed ?? 0;
    const randomStart = params.attack === 'pgd' && (params.randomStart ?? false);
    const attackParams = {
      kind: params.attack, epsilon: params.epsilon, randomStart, seed,
      ...(params.steps !== undefined ? { steps: params.steps } : {}), ...(params.stepSize !== undefined ? { stepSize: params.stepSize } : {}),
    };
    const adversarial = tf.tidy(() => craftAdversarial({
      model, x: resolved.x, targets: targetsFor(model.graph, [target ?? label]), targeted: target !== null, range: rangeOf(session), params: attackParams,
    }));
    try {
      token.throwIfCancelled();
      const [data, probsAfter, linf] = await Promise.all([
        readValues(() => adversarial.reshape([-1])),
        readValues(() => model.graph.run(adversarial).output.reshape([-1])),
        readValues(() => linfPerExample(resolved.x, adversarial)),
      ]);
      token.throwIfCancelled();
      const pgd = params.attack === 'pgd';
      return {
        attack: params.attack, epsilon: params.epsilon, label, target, clip: session.clipRange,
        input: resolved.tensor, adversarial: { shape: resolved.tensor.shape, data: Float32Array.from(data) },
        probsBefore, probsAfter: Float32Array.from(probsAfter), linf: linf[0] ?? 0, trueLabel: resolved.label,
        steps: pgd ? params.steps ?? DEFAULT_PGD_STEPS : null, stepSize: pgd ? stepSizeOf(attackParams) : null, randomStart, seed,
      };
    } finally {
      adversarial.dispose();
    }
  } finally {
    resolved.x.dispose();
  }
}

/** The class a model output of one example predicts (argmax; p > 0.5 for a one-unit sigmoid head). */
function predictedClass(probs: Float32Array): number {
  if (probs.length === 1) return (probs[0] ?? 0) > 0.5 ? 1 : 0;
  return probs.indexOf(Math.max(...probs));
}

export interface RobustnessContext {
  readonly token?: CancellationToken;
  readonly progress?: (done: number, total: number) => void;
  /** Write the curve to the run's robustness.json (default true). */
  readonly store?: boolean;
  readonly now?: () => Date;
}

/** Robust accuracy of `session` against ε; with `surrogate`, the attack is crafted on it (black-box transfer). */
export async function robustnessOfRun(
  session: AnalysisSession, params: Omit<RobustnessParams, 'sessionId' | 'transferFromSessionId'>, surrogate: AnalysisSession | undefined,
  context: RobustnessContext = {},
): Promise<RobustnessResult> {
  const target = attackedModelOf(session);
  const crafter = surrogate ? attackedModelOf(surrogate) : undefined;
  if (surrogate && formatShape(surrogate.inputShape) !== formatShape(session.inputShape)) {
    throw new Error(`transfer needs runs with the same input shape: ${formatShape(surrogate.inputShape)} vs ${formatShape(session.inputShape)}`);
  }
  if (params.epsilons.length === 0) throw new Error('give at least one ε');
  const available = session.dataset.validation.size;
  const wanted = params.samples ?? DEFAULT_ROBUSTNESS_SAMPLES;
  if (!(Number.isInteger(wanted) && wanted >= 1)) throw new Error(`samples must be a whole number ≥ 1, got ${wanted}`);
  const samples = Math.min(wanted, available);
  if (samples === 0) throw new Error('this run has no validation examples (validationSplit is 0)');
  const xs = tf.slice(session.dataset.validation.xs, 0, samples);
  try {
    const labels = await labelsOfTargets(tf.tidy(() => tf.slice(session.dataset.validation.ys, 0, samples)));
    const result = await robustAccuracy({
      target, xs, labels, attack: params.attack, epsilons: params.epsilons, range: rangeOf(session),
      randomStart: params.randomStart ?? false, seed: params.seed ?? 0, labelSource: params.labelSource ?? 'true',
      ...(crafter ? { surrogate: crafter } : {}),
      ...(params.steps !== undefined ? { steps: params.steps } : {}), ...(params.stepSize !== undefined ? { stepSize: params.stepSize } : {}),
      ...(params.transform ? { transform: params.transform } : {}),
      ...(context.token ? { token: context.token } : {}), ...(context.progress ? { onProgress: context.progress } : {}),
    });
    const transferFrom = surrogate?.runDir ?? null;
    if (context.store ?? true) {
      storeRobustness(session.runDir, {
        ...result, steps: params.attack === 'pgd' ? params.steps ?? DEFAULT_PGD_STEPS : null, stepSize: params.stepSize ?? null,
        randomStart: params.randomStart ?? false, seed: params.seed ?? 0, label: params.labelSource ?? 'true', transferFrom,
        transform: params.transform ?? null, epoch: session.epoch, createdAt: (context.now ?? (() => new Date()))().toISOString(),
      });
    }
    return { ...result, findings: sanityFindings(result), transferFrom };
  } finally {
    xs.dispose();
  }
}
