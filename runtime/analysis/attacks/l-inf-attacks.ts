// FGSM and PGD (I-FGSM) under an L∞ budget, in inference mode, every op inside tf.tidy.
//   FGSM:  x′ = clip(x + ε·sign(∇ₓL(x, y)));  targeted: x′ = clip(x − ε·sign(∇ₓL(x, t))).
//   PGD:   x₀ = x (or x + U(−ε, ε), seeded); x_{k+1} = Π(x_k ± α·sign(∇ₓL(x_k, ·))), Π onto the ε-ball ∩ valid range.
// One PGD step from x with no random start is FGSM exactly (x ± α·sign(g) projected onto the ball is x ± ε·sign(g)).
import * as tf from '@tensorflow/tfjs';
import { streamFor } from '../../data/random';
import { inputGradient } from './loss';
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
  checkAttackParams(request.params);
  const box = attackBox(request.x, request.params.epsilon, request.range);
  try {
    return request.params.kind === 'fgsm' ? fgsmStep(request, request.x, request.params.epsilon, box) : pgd(request, box);
  } finally {
    tf.dispose([box.lower, box.upper]);
  }
}

/** One signed-gradient step of size `size` from `from`, projected onto `box`. */
function fgsmStep(request: AttackRequest, from: tf.Tensor, size: number, box: Box): tf.Tensor {
  return tf.tidy(() => {
    const gradient = inputGradient(request.model, from, request.targets);
    const step = tf.mul(tf.sign(gradient), request.targeted ? -size : size);
    return project(tf.add(from, step), box);
  });
}

function pgd(request: AttackRequest, box: Box): tf.Tensor {
  const { params } = request;
  const steps = params.steps ?? DEFAULT_PGD_STEPS;
  const alpha = stepSizeOf(params);
  let current = params.randomStart ? randomStart(request.x, params.epsilon, params.seed ?? 0, box) : tf.clone(request.x);
  for (let step = 0; step < steps; step++) {
    const next = fgsmStep(request, current, alpha, box);
    current.dispose();
    current = next;
  }
  return current;
}

/** x + U(−ε, ε), projected. The noise comes from the project's seeded PRNG, so it is the same on every backend. */
function randomStart(x: tf.Tensor, epsilon: number, seed: number, box: Box): tf.Tensor {
  const random = streamFor(seed, 'pgd-random-start');
  const noise = new Float32Array(x.size);
  for (let i = 0; i < noise.length; i++) noise[i] = (2 * random() - 1) * epsilon;
  return tf.tidy(() => project(tf.add(x, tf.tensor(noise, x.shape)), box));
}
