// Attacks on an opened run (an AnalysisSession): one input (the Adversarial view's ε slider, `layerlens attack`),
// and the robustness curve over the first N validation examples (stored in the run's robustness.json).
import * as tf from '@tensorflow/tfjs';
import { CancellationToken } from '../../ipc/cancellation';
import { formatShape } from '../../language';
import type { AttackParams as AttackRequestParams, AttackResult, RobustnessParams, RobustnessResult } from '../../protocol';
import { resolveInput } from '../input';
import type { AnalysisSession } from '../session';
import { craftAdversarialWithCleanOutput } from './l-inf-attacks';
import { tightenToEpsilon } from './projection';
import { classCount, labelsOfTargets, readValues, targetsFor } from './labels';
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
    // The label to move away from. When it is known (given, or the example's true label) or the attack is targeted,
    // the clean prediction comes from the attack's own first forward pass; otherwise it is needed first.
    const knownLabel = params.label ?? (params.labelSource !== 'predicted' ? resolved.label : null);
    const predictedFirst = target === null && knownLabel === null
      ? Float32Array.from(await readValues(() => model.graph.run(resolved.x).output.reshape([-1]))) : undefined;
    token.throwIfCancelled();
    const seed = params.seed ?? 0;
    const randomStart = params.attack === 'pgd' && (params.randomStart ?? false);
    const attackParams = {
      kind: params.attack, epsilon: params.epsilon, randomStart, seed,
      ...(params.steps !== undefined ? { steps: params.steps } : {}), ...(params.stepSize !== undefined ? { stepSize: params.stepSize } : {}),
    };
    const attacked = target ?? knownLabel ?? predictedClass(predictedFirst ?? new Float32Array());
    const { adversarial, cleanOutput } = tf.tidy(() => craftAdversarialWithCleanOutput({
      model, x: resolved.x, targets: targetsFor(model.graph, [attacked]), targeted: target !== null, range: rangeOf(session), params: attackParams,
    }));
    try {
      token.throwIfCancelled();
      // One read for everything that comes back: [adversarial | probs after | probs before].
      const size = resolved.tensor.data.length;
      const packed = await readValues(() => tf.concat([adversarial.reshape([-1]), model.graph.run(adversarial).output.reshape([-1]), cleanOutput.reshape([-1])]));
      token.throwIfCancelled();
      const units = (packed.length - size) / 2;
      const data = Float32Array.from(packed.subarray(0, size));
      // ‖δ‖∞ ≤ ε exactly in what is reported; the probabilities after are those of the values reported.
      const probsAfter = tightenToEpsilon(resolved.tensor.data, data, params.epsilon) === 0
        ? Float32Array.from(packed.subarray(size, size + units))
        : Float32Array.from(await readValues(() => model.graph.run(tf.tensor(data, adversarial.shape)).output.reshape([-1])));
      const probsBefore = predictedFirst ?? Float32Array.from(packed.subarray(size + units));
      const label = knownLabel ?? predictedClass(probsBefore);
      const pgd = params.attack === 'pgd';
      return {
        attack: params.attack, epsilon: params.epsilon, label, target, clip: session.clipRange,
        input: resolved.tensor, adversarial: { shape: resolved.tensor.shape, data },
        probsBefore, probsAfter, linf: linfOf(resolved.tensor.data, data), trueLabel: resolved.label,
        steps: pgd ? params.steps ?? DEFAULT_PGD_STEPS : null, stepSize: pgd ? stepSizeOf(attackParams) : null, randomStart, seed,
      };
    } finally {
      tf.dispose([adversarial, cleanOutput]);
    }
  } finally {
    resolved.x.dispose();
  }
}

/** ‖b − a‖∞ of two arrays of one example, on the CPU (both are read back anyway). */
function linfOf(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((b[i] ?? 0) - (a[i] ?? 0)));
  return max;
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
