/** Adversarial attacks on one input, and robust accuracy against ε. Types only; part of the runtime's contract (see `../protocol.ts`). */

import type { AnalysisInput, TensorData } from './analysis';

/** An L∞ attack on one input of an opened run (the Inspector's Adversarial view, `layerlens attack`). */
export interface AttackParams {
  readonly sessionId: string;
  readonly input: AnalysisInput;
  readonly attack: 'fgsm' | 'pgd';
  /** L∞ budget in the model's input units (≥ 0). */
  readonly epsilon: number;
  /** PGD iterations (default 10). */
  readonly steps?: number;
  /** PGD step size α (default 2.5·ε/steps). */
  readonly stepSize?: number;
  /** PGD: start at x + U(−ε, ε) drawn from `seed` (default false). */
  readonly randomStart?: boolean;
  readonly seed?: number;
  /** Class to move towards (targeted attack); null or absent: untargeted. */
  readonly target?: number | null;
  /** Class to move away from; absent: the true label of a validation example, else the predicted class. */
  readonly label?: number;
  /** `predicted`: move away from the model's prediction even when the true label is known (avoids label leaking). */
  readonly labelSource?: 'true' | 'predicted';
}

export interface AttackResult {
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilon: number;
  /** The label the attack moved away from (see AttackParams.label). */
  readonly label: number;
  readonly target: number | null;
  /** The valid input range `[lo, hi]` the adversarial input was clipped to. */
  readonly clip: readonly [number, number];
  /** Exactly the clean input fed in, and the adversarial one (same shape, HWC for images). */
  readonly input: TensorData;
  readonly adversarial: TensorData;
  /** The model's output (class probabilities) on the clean and the adversarial input. */
  readonly probsBefore: Float32Array;
  readonly probsAfter: Float32Array;
  /** ‖adversarial − input‖∞. */
  readonly linf: number;
  /** The validation example's true class, or null for a tensor input. */
  readonly trueLabel: number | null;
  /** PGD settings used (null for FGSM), and the random start's seed. */
  readonly steps: number | null;
  readonly stepSize: number | null;
  readonly randomStart: boolean;
  readonly seed: number;
}

/** Robust accuracy against ε over the first `samples` validation examples of an opened run; stored in robustness.json. */
export interface RobustnessParams {
  readonly sessionId: string;
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilons: readonly number[];
  /** Validation examples used, from the first (default 500, at most the split's size). */
  readonly samples?: number;
  readonly steps?: number;
  readonly stepSize?: number;
  readonly randomStart?: boolean;
  readonly seed?: number;
  readonly labelSource?: 'true' | 'predicted';
  /** Black-box transfer: craft on this opened run (the surrogate), evaluate on `sessionId`. */
  readonly transferFromSessionId?: string;
  /** Input transforms applied before the evaluated model (not a real defence; shows what they undo). */
  readonly transform?: { readonly bitDepth?: number; readonly median?: number };
}

export interface RobustnessResult {
  readonly attack: 'fgsm' | 'pgd';
  readonly epsilons: readonly number[];
  /** Robust accuracy per ε (examples misclassified when clean count as failures). */
  readonly accuracy: readonly number[];
  readonly cleanAccuracy: number;
  readonly samples: number;
  /** Largest ‖δ‖∞ per ε. */
  readonly maxLinf: readonly number[];
  /** Failed sanity checks in plain words (empty when all pass). */
  readonly findings: readonly { readonly check: string; readonly message: string }[];
  /** Run folder of the surrogate, or null. */
  readonly transferFrom: string | null;
}
