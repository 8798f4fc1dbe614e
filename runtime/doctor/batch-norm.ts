// Batch normalisation's moving statistics have not converged: training (batch statistics) learns, validation
// (moving statistics) stays at chance. The moving mean m ← momentum·m + (1 − momentum)·batch forgets its initial
// value (0 mean, 1 variance) only after about 5 / (1 − momentum) steps (momentum^steps < e^−5).
import { epochRows, fmt, stepsTaken } from './metrics';
import type { Diagnosis, RunEvidence } from './types';

/** Steps the moving statistics need: 5 time constants of the exponential average. */
export const convergenceSteps = (momentum: number): number => Math.ceil(5 / (1 - momentum));

export function diagnoseBatchNormStatistics({ rows, facts }: RunEvidence): Diagnosis | undefined {
  const momentum = facts.batchNormMomentum;
  if (momentum === undefined || facts.classes === undefined || facts.classes < 2) return undefined;
  const epochs = epochRows(rows);
  const last = epochs[epochs.length - 1];
  const valAccuracy = last?.values['val_accuracy'];
  const accuracy = last?.values['accuracy'];
  if (!last || valAccuracy === undefined || accuracy === undefined) return undefined;
  const chance = 1 / facts.classes;
  const atChance = valAccuracy <= 1.5 * chance;
  const trainLearns = accuracy >= 2 * chance && accuracy - valAccuracy >= 0.2;
  const steps = stepsTaken(rows);
  const needed = convergenceSteps(momentum);
  if (!atChance || !trainLearns || steps >= needed) return undefined;
  const better = 0.9;
  return {
    kind: 'batchNormStatistics',
    title: 'Validation is at chance while training learns: the batch-norm moving statistics have not converged',
    detail: `Training accuracy is ${fmt(accuracy)} but validation accuracy is ${fmt(valAccuracy)} (chance is ${fmt(chance)}). `
      + 'Validation uses the moving mean and variance of batchNormalization, not the batch\'s own. With momentum '
      + `${momentum} they need about 5 / (1 − ${momentum}) = ${needed} steps to forget their initial values; this run took ${steps}. `
      + `Use momentum ${better} (needs ${convergenceSteps(better)} steps) in small runs, or train longer.`,
    ...(momentum > better ? { fix: { kind: 'setBatchNormMomentum', momentum: better, title: `Set batchNormalization momentum to ${better}` } } : {}),
  };
}
