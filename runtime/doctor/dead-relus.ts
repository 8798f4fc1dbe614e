// Dead ReLUs: units of a ReLU layer that output 0 for every example pass no gradient and stop learning. Counted
// per unit (layer-stats' deadFraction), not per element: half the elements of a healthy ReLU are 0.
import { fmt } from './metrics';
import type { Diagnosis, RunEvidence } from './types';

/** More than this fraction of a ReLU layer's units dead (0 on the whole stats batch) is diagnosed. */
export const DEAD_FRACTION = 0.5;

export function diagnoseDeadRelus({ layerStats, facts }: RunEvidence): Diagnosis | undefined {
  if (!layerStats) return undefined;
  const relu = new Set(facts.reluLayerIds);
  const dead = layerStats.layers.filter((l) => relu.has(l.id) && (l.deadFraction ?? 0) > DEAD_FRACTION);
  if (dead.length === 0) return undefined;
  const list = dead.map((l) => `${l.id} (${Math.round((l.deadFraction ?? 0) * 100)}%)`).join(', ');
  const highRate = facts.learningRate > 3 * facts.defaultLearningRate;
  return {
    kind: 'deadRelus',
    title: `Dead ReLUs: more than ${DEAD_FRACTION * 100}% of the units output 0 for every example in ${dead.length === 1 ? 'layer' : 'layers'} ${list}`,
    detail: 'A ReLU that outputs 0 passes no gradient, so those units stop learning. Common causes: a learning rate '
      + `that is too high${highRate ? ` (this run uses ${fmt(facts.learningRate)}, the ${facts.optimizer} default is ${fmt(facts.defaultLearningRate)})` : ''}, `
      + 'or a large negative bias. Try a lower learning rate, batchNormalization before the activation, or leakyRelu.',
    ...(highRate ? { fix: { kind: 'setLearningRate', learningRate: facts.defaultLearningRate, title: `Set learningRate to ${facts.defaultLearningRate}` } } : {}),
  };
}
