// Requests of the Inspector's Adversarial view (issue 10), joined into InspectorHostServes. Types only. Tensors are
// Float32Arrays with a shape (HWC for images), as in the rest of the Inspector.
import type { InputChoice, SessionKey, Tensor } from './protocol';

export type AttackKind = 'fgsm' | 'pgd';

export interface AttackAsk extends SessionKey {
  readonly input: InputChoice;
  readonly attack: AttackKind;
  readonly epsilon: number;
  /** PGD iterations (default 10). */
  readonly steps?: number;
  /** Class to move towards; null: untargeted (away from the true label, or the prediction for drawn/file inputs). */
  readonly target: number | null;
}

export interface AttackAnswer {
  readonly epsilon: number;
  /** The label the attack moved away from. */
  readonly label: number;
  readonly target: number | null;
  /** The valid input range the adversarial input was clipped to. */
  readonly clip: readonly [number, number];
  readonly input: Tensor;
  readonly adversarial: Tensor;
  readonly probsBefore: Float32Array;
  readonly probsAfter: Float32Array;
  /** ‖adversarial − input‖∞. */
  readonly linf: number;
  /** True class of a validation example, else null. */
  readonly trueLabel: number | null;
}

export interface RobustnessAsk extends SessionKey {
  readonly attack: AttackKind;
  readonly epsilons: readonly number[];
  /** First N validation examples. */
  readonly samples: number;
  readonly steps?: number;
  /** Black-box transfer: craft on this run (the surrogate), evaluate on this one. */
  readonly transferFrom?: SessionKey;
  /** Evaluate through an input transform (bit-depth reduction, median filter): what it undoes, not a defence. */
  readonly transform?: { readonly bitDepth?: number; readonly median?: number };
}

export interface RobustnessAnswer {
  readonly epsilons: readonly number[];
  readonly accuracy: readonly number[];
  readonly cleanAccuracy: number;
  readonly samples: number;
  readonly maxLinf: readonly number[];
  /** Failed sanity checks, in plain words. */
  readonly findings: readonly { readonly check: string; readonly message: string }[];
}

/** A curve stored in a run's robustness.json (for the overlay of other runs of the same model file). */
export interface StoredCurve {
  readonly runDir: string;
  readonly attack: AttackKind;
  readonly epsilons: readonly number[];
  readonly accuracy: readonly number[];
  readonly cleanAccuracy: number;
  readonly samples: number;
  /** Surrogate run folder of a transfer curve, else null. */
  readonly transferFrom: string | null;
}

export type AdversarialHostServes = {
  /** An adversarial example for one input (the ε slider; latest wins). */
  attack: { params: AttackAsk; result: AttackAnswer };
  /** Robust accuracy against ε, stored in the run's robustness.json (progress with Cancel in a notification). */
  robustness: { params: RobustnessAsk; result: RobustnessAnswer };
  /**
   * The runs beside `runDir` (same runs folder) whose model takes the same input shape, newest first, this one
   * included (the transfer matrix's choices), and the white-box curves of their final models stored in robustness.json.
   */
  robustnessCurves: {
    params: { readonly runDir: string };
    result: { readonly runs: readonly { readonly runDir: string; readonly runId: string }[]; readonly curves: readonly StoredCurve[] };
  };
};
