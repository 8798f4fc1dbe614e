// Vanishing or exploding gradients: the gradient norms of layer-stats.json, compared between the first and the last
// layer with weights. Backpropagation multiplies by each layer's Jacobian, so a ratio of many orders of magnitude
// between the ends of the network means the early layers learn (almost) nothing, or far too much per step.
import { fmt } from './metrics';
import type { Diagnosis, RunEvidence } from './types';

/** First-to-last gradient norm ratio beyond which the flow is called vanishing (below 1/RATIO) or exploding. */
export const GRADIENT_RATIO = 1000;
/** A gradient norm above this is exploding whatever the ratio. */
export const EXPLODING_NORM = 1e4;

export function diagnoseGradientFlow({ layerStats }: RunEvidence): Diagnosis | undefined {
  const weighted = (layerStats?.layers ?? []).filter((l) => l.weightNorm > 0);
  const first = weighted[0];
  const last = weighted[weighted.length - 1];
  if (!first || !last || first === last) return undefined;
  const huge = weighted.find((l) => !Number.isFinite(l.gradientNorm) || l.gradientNorm > EXPLODING_NORM);
  const ratio = first.gradientNorm / last.gradientNorm;
  const norms = `gradient norm ${fmt(first.gradientNorm)} at ${first.id}, ${fmt(last.gradientNorm)} at ${last.id}`;
  if (huge || ratio > GRADIENT_RATIO) {
    return {
      kind: 'explodingGradients',
      title: `Exploding gradients: ${huge ? `gradient norm ${fmt(huge.gradientNorm)} at ${huge.id}` : norms}`,
      detail: 'The gradients grow layer by layer towards the input, so each step throws the early weights far off. '
        + 'Lower the learning rate, add batchNormalization, or use smaller initial weights.',
    };
  }
  if (last.gradientNorm > 0 && ratio < 1 / GRADIENT_RATIO) {
    return {
      kind: 'vanishingGradients',
      title: `Vanishing gradients: ${norms}`,
      detail: `The first layer gets ${fmt(1 / ratio)} times less gradient than the last, so it barely learns. `
        + 'Saturating activations (sigmoid, tanh) in deep stacks cause this; use relu, batchNormalization, or '
        + 'residual connections (`add` with `from`).',
    };
  }
  return undefined;
}
