// Overfitting: the validation loss rises for several epochs in a row while the training loss keeps falling.
import { epochRows, fmt } from './metrics';
import type { Diagnosis, RunEvidence } from './types';

/** Consecutive epochs of rising validation loss (and falling training loss). */
export const RISING_EPOCHS = 3;

export const DROPOUT_LINK = { label: 'Dropout', url: 'https://keras.io/api/layers/regularization_layers/dropout/' };
export const EARLY_STOPPING_LINK = { label: 'Early stopping', url: 'https://keras.io/api/callbacks/early_stopping/' };

export function diagnoseOverfitting({ rows, facts }: RunEvidence): Diagnosis | undefined {
  const epochs = epochRows(rows).filter((r) => r.values['loss'] !== undefined && r.values['val_loss'] !== undefined);
  const window = epochs.slice(-(RISING_EPOCHS + 1));
  if (window.length < RISING_EPOCHS + 1) return undefined;
  for (let i = 1; i < window.length; i++) {
    const before = window[i - 1]!.values;
    const now = window[i]!.values;
    if (!(now['val_loss']! > before['val_loss']!) || !(now['loss']! < before['loss']!)) return undefined;
  }
  const first = window[0]!;
  const last = window[window.length - 1]!;
  const best = epochs.reduce((a, b) => (b.values['val_loss']! < a.values['val_loss']! ? b : a));
  return {
    kind: 'overfitting',
    title: `Overfitting: validation loss rose for ${RISING_EPOCHS} epochs while training loss fell`,
    detail: `From epoch ${first.epoch} to ${last.epoch} the validation loss went ${fmt(first.values['val_loss']!)} → `
      + `${fmt(last.values['val_loss']!)} while the training loss went ${fmt(first.values['loss']!)} → ${fmt(last.values['loss']!)}: `
      + `the model memorises the training set. The best validation loss was at epoch ${best.epoch}; stop there (early stopping)`
      + `${facts.hasDropout ? ', use more dropout' : ', add a dropout layer'}, or use more data.`,
    links: [DROPOUT_LINK, EARLY_STOPPING_LINK],
  };
}
