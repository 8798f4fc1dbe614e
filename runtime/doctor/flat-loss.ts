// A flat loss at a learning rate far from the optimizer's default: too small a rate barely moves the weights, too
// large a one makes them jump around a plateau (or saturate the units).
import { fmt, series } from './metrics';
import type { Diagnosis, RunEvidence } from './types';

/** Epochs the training loss must stay flat. */
export const FLAT_EPOCHS = 3;
/** "Flat": the loss moved by less than this fraction of its value over those epochs. */
export const FLAT_TOLERANCE = 0.01;
/** "Far from the default": at least this factor above or below it. */
export const FAR_FACTOR = 10;

export function diagnoseFlatLoss({ rows, facts }: RunEvidence): Diagnosis | undefined {
  const losses = series(rows, 'loss');
  if (losses.length < FLAT_EPOCHS) return undefined;
  const window = losses.slice(-FLAT_EPOCHS);
  const spread = Math.max(...window) - Math.min(...window);
  const level = Math.abs(window.reduce((a, b) => a + b, 0) / window.length);
  if (spread > FLAT_TOLERANCE * Math.max(level, 1e-12)) return undefined;
  const factor = facts.learningRate / facts.defaultLearningRate;
  if (factor < FAR_FACTOR && factor > 1 / FAR_FACTOR) return undefined;
  const direction = factor > 1 ? 'too high' : 'too low';
  return {
    kind: 'flatLoss',
    title: `The loss has been flat for ${FLAT_EPOCHS} epochs at learning rate ${fmt(facts.learningRate)}, ${direction}`,
    detail: `The training loss stayed at ${fmt(level)} for the last ${FLAT_EPOCHS} epochs. The learning rate is `
      + `${factor > 1 ? fmt(factor) : fmt(1 / factor)} times ${factor > 1 ? 'above' : 'below'} the ${facts.optimizer} default `
      + `(${facts.defaultLearningRate}): ${factor > 1 ? 'steps that large jump over the minimum or saturate the units' : 'steps that small barely move the weights'}.`,
    fix: { kind: 'setLearningRate', learningRate: facts.defaultLearningRate, title: `Set learningRate to ${facts.defaultLearningRate}` },
  };
}
