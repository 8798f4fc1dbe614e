// Robust accuracy against ε: the share of N examples a model still classifies correctly after an attack of budget ε.
// Examples it already misclassifies count as failures (the curve starts at clean accuracy). Transfer: the attack is
// crafted on a surrogate model and evaluated on the target. Batched, with progress and cancellation between batches.
import * as tf from '@tensorflow/tfjs';
import { derivedSeed } from '../../data/random';
import type { CancellationToken } from '../../ipc/cancellation';
import { applyTransform, checkTransform, type InputTransform } from './input-transforms';
import { craftAdversarial } from './l-inf-attacks';
import { labelsOfOutput, predictedLabels, readValues, targetsFor } from './labels';
import { linfPerExample } from './projection';
import { checkAttackParams, type AttackedModel, type AttackKind, type LabelSource, type ValidRange } from './types';

export interface RobustnessRequest {
  /** The model evaluated. */
  readonly target: AttackedModel;
  /** The model the attack is crafted on (black-box transfer); the target itself when absent. */
  readonly surrogate?: AttackedModel;
  /** Examples `[N, ...inputShape]` and their true labels `[N]`. */
  readonly xs: tf.Tensor;
  readonly labels: Int32Array;
  readonly attack: AttackKind;
  readonly epsilons: readonly number[];
  readonly steps?: number;
  /** Absolute PGD step size; default 2.5·ε/steps for each ε. */
  readonly stepSize?: number;
  readonly randomStart?: boolean;
  readonly seed?: number;
  /** Label the attack moves away from: true (default) or the surrogate's prediction. */
  readonly labelSource?: LabelSource;
  readonly range: ValidRange;
  /** Applied to clean and adversarial inputs before the target model. */
  readonly transform?: InputTransform;
  /** Examples per batch (default 100). */
  readonly batchSize?: number;
  /** `done` of `total` example-attacks (examples × ε). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between batches. */
  readonly token?: CancellationToken;
}

export interface RobustnessResult {
  readonly attack: AttackKind;
  readonly epsilons: readonly number[];
  /** Robust accuracy per ε, in `epsilons` order. */
  readonly accuracy: readonly number[];
  /** Accuracy on the clean examples (through the transform, when one is set). */
  readonly cleanAccuracy: number;
  readonly samples: number;
  /** Largest ‖x′ − x‖∞ over the examples, per ε (sanity check: ≤ ε). */
  readonly maxLinf: readonly number[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function robustAccuracy(request: RobustnessRequest): Promise<RobustnessResult> {
  const samples = request.labels.length;
  if (samples === 0 || request.xs.shape[0] !== samples) throw new Error(`robust accuracy needs examples with labels (got ${samples})`);
  for (const epsilon of request.epsilons) checkAttackParams({ kind: request.attack, epsilon, ...optionalSteps(request) });
  if (request.transform) checkTransform(request.transform, request.xs.rank);
  const surrogate = request.surrogate ?? request.target;
  const batchSize = request.batchSize ?? 100;
  const total = samples * request.epsilons.length;
  const robust = request.epsilons.map(() => 0);
  const maxLinf = request.epsilons.map(() => 0);
  let clean = 0;
  for (let start = 0; start < samples; start += batchSize) {
    const count = Math.min(batchSize, samples - start);
    const x = tf.slice(request.xs, start, count);
    const labels = request.labels.subarray(start, start + count);
    try {
      const cleanCorrect = await correctMask(request, x, labels);
      clean += cleanCorrect.reduce((sum, ok) => sum + ok, 0);
      const attacked = (request.labelSource ?? 'true') === 'true' ? labels : await predictedLabels(surrogate.graph, x);
      const targets = targetsFor(surrogate.graph, attacked);
      try {
        for (const [i, epsilon] of request.epsilons.entries()) {
          request.token?.throwIfCancelled();
          const seed = derivedSeed(request.seed ?? 0, `robustness:${i}:${start}`);
          const adversarial = craftAdversarial({
            model: surrogate, x, targets, targeted: false, range: request.range,
            params: { kind: request.attack, epsilon, seed, randomStart: request.randomStart ?? false, ...optionalSteps(request) },
          });
          try {
            const correct = await correctMask(request, adversarial, labels);
            robust[i] = (robust[i] ?? 0) + correct.reduce((sum, ok, k) => sum + (ok & (cleanCorrect[k] ?? 0)), 0);
            const [linf = 0] = await readValues(() => tf.max(linfPerExample(x, adversarial)));
            maxLinf[i] = Math.max(maxLinf[i] ?? 0, linf);
          } finally {
            adversarial.dispose();
          }
          request.onProgress?.(start * request.epsilons.length + (i + 1) * count, total);
          await nextTurn();
        }
      } finally {
        targets.dispose();
      }
    } finally {
      x.dispose();
    }
  }
  return {
    attack: request.attack, epsilons: [...request.epsilons], accuracy: robust.map((n) => n / samples),
    cleanAccuracy: clean / samples, samples, maxLinf,
  };
}

function optionalSteps(request: RobustnessRequest): { steps?: number; stepSize?: number } {
  return { ...(request.steps !== undefined ? { steps: request.steps } : {}), ...(request.stepSize !== undefined ? { stepSize: request.stepSize } : {}) };
}

/** 1 where the target model (after the transform) predicts the true label. */
async function correctMask(request: RobustnessRequest, x: tf.Tensor, labels: Int32Array): Promise<Uint8Array> {
  const predicted = await readValues(() => {
    const input = request.transform ? applyTransform(x, request.transform, request.range) : x;
    return labelsOfOutput(request.target.graph.run(input).output);
  });
  return Uint8Array.from(labels, (label, k) => (predicted[k] === label ? 1 : 0));
}
