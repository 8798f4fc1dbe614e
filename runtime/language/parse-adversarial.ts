// Parses `train.adversarial: { attack: fgsm | pgd, epsilon, ratio, steps?, stepSize? }`: adversarial training, which
// replaces a `ratio` share of each batch by adversarial examples crafted on the current weights (ART's
// AdversarialTrainer; Madry et al. with pgd).
import type { ParsedNode } from 'yaml';
import { MapReader } from './map-reader';
import { asMap, describeNode, type SourceContext } from './source';
import type { AdversarialTrainingSpec, Range, Task } from './types';

export const ADVERSARIAL_ATTACKS = ['fgsm', 'pgd'] as const;

/** Returns undefined when the section is invalid (diagnostics are reported). */
export function parseAdversarial(ctx: SourceContext, node: ParsedNode | null, keyRange: Range, task: Task): AdversarialTrainingSpec | undefined {
  const map = asMap(node);
  if (!map) {
    ctx.report('error', 'structure',
      `'adversarial' must be a map such as { attack: fgsm, epsilon: 0.1, ratio: 0.5 } (got ${describeNode(node)})`, ctx.rangeOf(node));
    return undefined;
  }
  const r = new MapReader(ctx, map, keyRange, 'train.adversarial');
  const attack = r.requiredEnum('attack', ADVERSARIAL_ATTACKS, 'fgsm');
  const epsilon = r.requiredNumber('epsilon', { min: 0, exclusiveMin: true, max: 1_000 }, 0.1);
  const ratio = r.requiredNumber('ratio', { min: 0, max: 1 }, 0.5);
  const steps = r.optionalNumber('steps', { integer: true, min: 1, max: 1_000 });
  const stepSize = r.optionalNumber('stepSize', { min: 0, exclusiveMin: true, max: 1_000 });
  r.reportUnknownKeys('key', 'warning');
  if (attack === 'fgsm') {
    for (const name of ['steps', 'stepSize'] as const) {
      const range = r.keyRange(name);
      if (range) ctx.report('warning', 'bad-value', `train.adversarial: '${name}' is ignored by fgsm (one step of size epsilon); use attack: pgd`, range);
    }
  }
  if (task !== 'classification') {
    ctx.report('error', 'bad-value', `train.adversarial: adversarial training needs a classification model (this one is ${task})`, keyRange);
    return undefined;
  }
  if (r.failed) return undefined;
  return { attack, epsilon, ratio, ...(steps !== undefined ? { steps } : {}), ...(stepSize !== undefined ? { stepSize } : {}) };
}
