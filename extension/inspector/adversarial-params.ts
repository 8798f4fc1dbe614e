// Checks of the Adversarial view's request params at the boundary, joined into the Inspector's (messages.ts).
import type { AdversarialHostServes, AttackAsk, RobustnessAsk } from '../../webviews/inspector/adversarial-protocol';
import type { InputChoice, SessionKey } from '../../webviews/inspector/protocol';
import { hasFields, isArrayOf, isNumber, isRecord, isString, oneOf, optional, type Guard } from '../util/guards';

const isTransform = hasFields<NonNullable<RobustnessAsk['transform']>>({ bitDepth: optional(isNumber), median: optional(isNumber) });
const isEpoch = (value: unknown): value is number | null => value === null || (Number.isInteger(value) && (value as number) >= 0);
const isSessionKey: Guard<SessionKey> = hasFields<SessionKey>({ runDir: isString, epoch: isEpoch });
const isEpsilon = (value: unknown): value is number => isNumber(value) && Number.isFinite(value) && value >= 0;
const isClass = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** Param checks of the Adversarial view's requests (joined into the Inspector's). */
export function adversarialParams(isInputChoice: Guard<InputChoice>): { readonly [K in keyof AdversarialHostServes]: Guard<AdversarialHostServes[K]['params']> } {
  return {
    attack: (value): value is AttackAsk => isSessionKey(value) && isRecord(value) && isInputChoice(value['input'])
      && oneOf('fgsm', 'pgd')(value['attack']) && isEpsilon(value['epsilon']) && optional(isClass)(value['steps'])
      && (value['target'] === null || isClass(value['target'])),
    robustness: (value): value is RobustnessAsk => isSessionKey(value) && isRecord(value) && oneOf('fgsm', 'pgd')(value['attack'])
      && isArrayOf(isEpsilon)(value['epsilons']) && isClass(value['samples']) && optional(isClass)(value['steps'])
      && optional(isSessionKey)(value['transferFrom']) && optional(isTransform)(value['transform']),
    robustnessCurves: hasFields<AdversarialHostServes['robustnessCurves']['params']>({ runDir: isString }),
  };
}
