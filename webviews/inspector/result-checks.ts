// Checks of the extension's answers before the page draws them (shallow: the extension checked the runtime's).
import { adversarialResultChecks } from './adversarial-checks';
import type { InspectorHostServes } from './protocol';
import { isExplainAnswer, isMaximizeAnswer } from './explain/explain-protocol';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

type Checks = { readonly [K in keyof InspectorHostServes]: (value: unknown) => value is InspectorHostServes[K]['result'] };

export const hostResultChecks: Checks = {
  ...adversarialResultChecks,
  open: (value): value is InspectorHostServes['open']['result'] => isObject(value) && Array.isArray(value['layers'])
    && Array.isArray(value['inputShape']) && Array.isArray(value['epochs']) && typeof value['runDir'] === 'string',
  featureMaps: (value): value is InspectorHostServes['featureMaps']['result'] => isObject(value) && Array.isArray(value['layers'])
    && value['probs'] instanceof Float32Array,
  examples: (value): value is InspectorHostServes['examples']['result'] => isObject(value) && typeof value['total'] === 'number'
    && Array.isArray(value['examples']),
  pickImage: (value): value is InspectorHostServes['pickImage']['result'] => value === null
    || (isObject(value) && isObject(value['tensor']) && typeof value['source'] === 'string'),
  explain: isExplainAnswer,
  maximize: isMaximizeAnswer,
  revealLayer: (value): value is InspectorHostServes['revealLayer']['result'] => isObject(value) && typeof value['revealed'] === 'boolean',
};
