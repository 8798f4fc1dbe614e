// Options shared by `layerlens attack` and `layerlens robustness`: the attack and its PGD settings, parsed from the
// strings node:util's parseArgs gives, each mistake one usage line.
import type { OptionDeclarations } from './analysis-args';
import { ATTACK_KINDS, type AttackKind } from '../analysis/attacks';

export const ATTACK_OPTIONS = {
  attack: { type: 'string' }, steps: { type: 'string' }, 'step-size': { type: 'string' }, 'random-start': { type: 'boolean' },
  seed: { type: 'string' },
} as const satisfies OptionDeclarations;

export const ATTACK_OPTIONS_USAGE = `  --attack A       fgsm | pgd (required)
  --steps K        PGD iterations (default 10)
  --step-size A    PGD step size α (default 2.5·ε/steps)
  --random-start   PGD starts at x + U(−ε, ε), drawn from --seed
  --seed S         seed of the random start (default 0)`;

export interface AttackOptions {
  readonly attack: AttackKind;
  readonly steps?: number;
  readonly stepSize?: number;
  readonly randomStart: boolean;
  readonly seed: number;
}

type Values = Readonly<Record<string, string | boolean | undefined>>;

export class UsageError extends Error {}

export function parseAttackOptions(values: Values): AttackOptions {
  const attack = values['attack'];
  if (typeof attack !== 'string') throw new UsageError('--attack fgsm|pgd is required');
  if (!(ATTACK_KINDS as readonly string[]).includes(attack)) throw new UsageError(`--attack must be fgsm or pgd, got '${attack}'`);
  const steps = optionalNumber(values, 'steps', (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
  const stepSize = optionalNumber(values, 'step-size', (n) => n > 0, 'a number > 0');
  const seed = optionalNumber(values, 'seed', (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number ≥ 0') ?? 0;
  return {
    attack: attack as AttackKind, randomStart: values['random-start'] === true, seed,
    ...(steps !== undefined ? { steps } : {}), ...(stepSize !== undefined ? { stepSize } : {}),
  };
}

/** `--name` as a finite number passing `valid`, or undefined when absent. */
export function optionalNumber(values: Values, name: string, valid: (n: number) => boolean, what: string): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || !valid(value)) throw new UsageError(`--${name} must be ${what}, got '${String(text)}'`);
  return value;
}

/** The first line of an error's message. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
