// Shared vocabulary of the adversarial attacks: which attack, its parameters, and the data's valid range.
import type { Loss } from '../../language';
import type { LayerGraph } from '../layer-graph';

export const ATTACK_KINDS = ['fgsm', 'pgd'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

/** Which label an untargeted attack moves away from: the true one (torchattacks) or the prediction (ART, CleverHans). */
export type LabelSource = 'true' | 'predicted';

/** The valid input range `[lo, hi]`: `[0, 1]` for images as LayerLens loads them; the training range for tabular data. */
export interface ValidRange {
  readonly lo: number;
  readonly hi: number;
}

/** A model under attack: its eager graph (inference mode) and the loss it was trained with. */
export interface AttackedModel {
  readonly graph: LayerGraph;
  readonly loss: Loss;
}

export interface AttackParams {
  readonly kind: AttackKind;
  /** L∞ budget, in the model's input units. */
  readonly epsilon: number;
  /** PGD iterations (default 10); FGSM ignores it. */
  readonly steps?: number;
  /** PGD step size α (default 2.5·ε/steps, Madry et al.); FGSM ignores it. */
  readonly stepSize?: number;
  /** PGD: start from x + U(−ε, ε) drawn from `seed`. */
  readonly randomStart?: boolean;
  /** Seed of the random start (exported with results so a run can be replayed). */
  readonly seed?: number;
}

export const DEFAULT_PGD_STEPS = 10;

/** α = 2.5·ε/steps unless given: enough for the iterate to reach the ball's boundary from anywhere inside it. */
export function stepSizeOf(params: AttackParams): number {
  const steps = params.steps ?? DEFAULT_PGD_STEPS;
  return params.stepSize ?? (2.5 * params.epsilon) / steps;
}

/** Throws a one-line error for parameters no attack can use. */
export function checkAttackParams(params: AttackParams): void {
  if (!(Number.isFinite(params.epsilon) && params.epsilon >= 0)) throw new Error(`epsilon must be a number ≥ 0, got ${params.epsilon}`);
  if (params.steps !== undefined && !(Number.isInteger(params.steps) && params.steps >= 1)) {
    throw new Error(`steps must be a whole number ≥ 1, got ${params.steps}`);
  }
  if (params.stepSize !== undefined && !(Number.isFinite(params.stepSize) && params.stepSize > 0)) {
    throw new Error(`step size must be a number > 0, got ${params.stepSize}`);
  }
}
