// FGSM and PGD (I-FGSM) under an L∞ budget, in inference mode, every op inside tf.tidy.
//   FGSM:  x′ = clip(x + ε·sign(∇ₓL(x, y)));  targeted: x′ = clip(x − ε·sign(∇ₓL(x, t))).
//   PGD:   x₀ = x (or x + U(−ε, ε), seeded); x_{k+1} = Π(x_k ± α·sign(∇ₓL(x_k, ·))), Π onto the ε-ball ∩ valid range.
// One PGD step from x with no random start is FGSM exactly (x ± α·sign(g) projected onto the ball is x ± ε·sign(g)).
import * as tf from '@tensorflow/tfjs';
import { streamFor } from '../../data/random';
import { inputGradientAndOutput } from './loss';
import { attackBox, project, type Box } from './projection';
import { checkAttackParams, DEFAULT_PGD_STEPS, stepSizeOf, type AttackedModel, type AttackParams, type ValidRange } from './types';

export interface AttackRequest {
  readonly model: AttackedModel;
  /** Clean inputs `[batch, ...inputShape]`. */
  readonly x: tf.Tensor;
  /** Per example: the label to move away from (untargeted) or the target to move towards; shaped as the model's targets. */
  readonly targets: tf.Tensor;
  /** True: step against the gradient of the loss w.r.t. `targets` (towards the target class). */
  readonly targeted: boolean;
  readonly params: AttackParams;
  readonly range: ValidRange;
}

/** The adversarial batch, shaped like `x`; the caller owns it. */
export function craftAdversarial(request: AttackRequest): tf.Tensor {
  return craft(request, false).adversarial;
}

/**
 * The adversarial batch and the model's output on the clean `x` `[batch, units]`, both owned by the caller. FGSM and
 * PGD without a random start take the clean output from their first gradient's forward pass (one pass less).
 */
export function craftAdversarialWithCleanOutput(request: AttackRequest): { adversarial: tf.Tensor; cleanOutput: tf.Tensor } {
  const { adversarial, cleanOutput } = craft(request, true);
  return { adversarial, cleanOutput: cleanOutput ?? tf.tidy(() => request.model.graph.run(request.x).output) };
}

function craft(request: AttackRequest, keepCleanOutput: boolean): { adversarial: tf.Tensor; cleanOutput?: tf.Tensor } {
  checkAttackParams(request.params);
  const box = attackBox(request.x, request.params.epsilon, request.range);
  try {
    if (request.params.kind === 'fgsm') return fgsmStep(request, request.x, request.params.epsilon, box, keepCleanOutput);
    return pgd(request, box, keepCleanOutput);
  } finally {
    tf.dispose([box.lower, box.upper]);
  }
}

/** One signed-gradient step of size `size` from `from`, projected onto `box`; with `keepOutput`, the output at `from`. */
function fgsmStep(request: AttackRequest, from: tf.Tensor, size: number, box: Box, keepOutput = false): { adversarial: tf.Tensor; cleanOutput?: tf.Tensor } {
  const { gradient, output } = inputGradientAndOutput(request.model, from, request.targets, keepOutput);
  try {
    const adversarial = tf.tidy(() => project(tf.add(from, tf.mul(tf.sign(gradient), request.targeted ? -size : size)), box));
    return output ? { adversarial, cleanOutput: output } : { adversarial };
  } catch (error) {
    output?.dispose();
    throw error;
  } finally {
    gradient.dispose();
  }
}

function pgd(request: AttackRequest, box: Box, keepCleanOutput: boolean): { adversarial: tf.Tensor; cleanOutput?: tf.Tensor } {
  const { params } = request;
  const steps = params.steps ?? DEFAULT_PGD_STEPS;
  const alpha = stepSizeOf(params);
  // The first step's forward pass is at the clean x only without a random start.
  let cleanOutput: tf.Tensor | undefined;
  let current = params.randomStart ? randomStart(request.x, params.epsilon, params.seed ?? 0, box) : tf.clone(request.x);
  for (let step = 0; step < steps; step++) {
    const next = fgsmStep(request, current, alpha, box, keepCleanOutput && step === 0 && !params.randomStart);
    cleanOutput ??= next.cleanOutput;
    current.dispose();
    current = next.adversarial;
  }
  return cleanOutput ? { adversarial: current, cleanOutput } : { adversarial: current };
}

/** x + U(−ε, ε), projected. The noise comes from the project's seeded PRNG, so it is the same on every backend. */
function randomStart(x: tf.Tensor, epsilon: number, seed: number, box: Box): tf.Tensor {
  const random = streamFor(seed, 'pgd-random-start');
  const noise = new Float32Array(x.size);
  for (let i = 0; i < noise.length; i++) noise[i] = (2 * random() - 1) * epsilon;
  return tf.tidy(() => project(tf.add(x, tf.tensor(noise, x.shape)), box));
}
