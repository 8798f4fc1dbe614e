// Sanity checks of a robustness curve, in plain words, for the bugs attack libraries' users hit most often:
// accuracy at ε = 0 ≠ clean accuracy (torchattacks#124), a perturbation outside the budget, and a PGD curve that
// rises with ε (ART#687: gradient masking or a broken attack).
import type { RobustnessResult } from './robustness';

/** Float32 rounding of x ± ε may overshoot ε by a few ulps. */
const LINF_TOLERANCE = 1e-6;

export interface SanityFinding {
  readonly check: 'zero-equals-clean' | 'linf-within-epsilon' | 'non-increasing';
  readonly message: string;
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** Failed checks only; an empty list means every check passed. */
export function sanityFindings(result: RobustnessResult): SanityFinding[] {
  const findings: SanityFinding[] = [];
  const zero = result.epsilons.indexOf(0);
  const atZero = zero >= 0 ? result.accuracy[zero] : undefined;
  if (atZero !== undefined && Math.abs(atZero - result.cleanAccuracy) > 0.5 / result.samples) {
    findings.push({
      check: 'zero-equals-clean',
      message: `Accuracy at ε = 0 is ${percent(atZero)} but clean accuracy is ${percent(result.cleanAccuracy)}: the attack changes inputs it should leave alone, or the model is not in inference mode.`,
    });
  }
  result.epsilons.forEach((epsilon, i) => {
    const linf = result.maxLinf[i] ?? 0;
    if (linf > epsilon + LINF_TOLERANCE) {
      findings.push({ check: 'linf-within-epsilon', message: `At ε = ${epsilon} a perturbation reached ‖δ‖∞ = ${linf}, beyond the budget: the projection is broken.` });
    }
  });
  if (result.attack === 'pgd') {
    const order = result.epsilons.map((epsilon, i) => ({ epsilon, accuracy: result.accuracy[i] ?? 0 })).sort((a, b) => a.epsilon - b.epsilon);
    for (let i = 1; i < order.length; i++) {
      const before = order[i - 1];
      const after = order[i];
      if (before && after && after.accuracy > before.accuracy + 0.5 / result.samples) {
        findings.push({
          check: 'non-increasing',
          message: `Robust accuracy rises from ${percent(before.accuracy)} at ε = ${before.epsilon} to ${percent(after.accuracy)} at ε = ${after.epsilon}: the attack may be masked by the model's gradients.`,
        });
        break;
      }
    }
  }
  return findings;
}
