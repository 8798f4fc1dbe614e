// Shallow checks of the extension's answers to the Adversarial view's requests (the extension checked the runtime's).
import type { AdversarialHostServes } from './adversarial-protocol';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isTensor = (value: unknown): boolean => isObject(value) && Array.isArray(value['shape']) && value['data'] instanceof Float32Array;

type Checks = { readonly [K in keyof AdversarialHostServes]: (value: unknown) => value is AdversarialHostServes[K]['result'] };

export const adversarialResultChecks: Checks = {
  attack: (value): value is AdversarialHostServes['attack']['result'] => isObject(value) && isTensor(value['input'])
    && isTensor(value['adversarial']) && value['probsBefore'] instanceof Float32Array && value['probsAfter'] instanceof Float32Array
    && typeof value['linf'] === 'number',
  robustness: (value): value is AdversarialHostServes['robustness']['result'] => isObject(value) && Array.isArray(value['accuracy'])
    && Array.isArray(value['epsilons']) && typeof value['cleanAccuracy'] === 'number' && Array.isArray(value['findings']),
  robustnessCurves: (value): value is AdversarialHostServes['robustnessCurves']['result'] => isObject(value) && Array.isArray(value['curves'])
    && Array.isArray(value['runs']),
};
