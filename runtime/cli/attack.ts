// `layerlens attack RUN_DIR --attack fgsm|pgd --epsilon E [--steps K] [--step-size A] [--random-start] [--seed S]
// [--target C] [--label C] [--sample N | --input FILE] [--epoch E] [--backend B] --json`: an adversarial example
// for one input of a trained run. Binding (checked by external tests): with --json, exactly one JSON object
// {"attack", "epsilon", "label", "target", "clip", "input", "adversarial", "probsBefore", "probsAfter", "linf"}, in
// that order; `label` is the attacked label: --label if given, else the true label of the --sample, else the
// predicted class (for --input); `target` is null when untargeted. Errors exit 2 with one line on stderr.
import { attackExample } from '../analysis/attacks';
import type { AttackResult } from '../protocol';
import { ANALYSIS_OPTIONS_USAGE, openAnalysis, parseAnalysisArgs, type AnalysisCliDeps } from './analysis-args';
import { ATTACK_OPTIONS, ATTACK_OPTIONS_USAGE, errorLine, optionalNumber, parseAttackOptions, UsageError } from './attack-options';

export interface AttackIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: layerlens attack RUN_DIR --attack fgsm|pgd --epsilon E [--steps K] [--step-size A] [--random-start] [--seed S]
                        [--target C] [--label C] [--sample N | --input FILE] [--epoch E] [--backend B] [--json]
  --epsilon E      L∞ budget in the model's input units (images: 0..1)
${ATTACK_OPTIONS_USAGE}
  --target C       targeted: move towards class C (default: untargeted)
  --label C        the class to move away from (default: the true label of --sample, else the predicted class)
${ANALYSIS_OPTIONS_USAGE}
`;

export async function runAttack(args: readonly string[], io: AttackIo, deps: AnalysisCliDeps = {}): Promise<number> {
  const parsed = parseAnalysisArgs(args, { ...ATTACK_OPTIONS, epsilon: { type: 'string' }, target: { type: 'string' }, label: { type: 'string' } });
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  let request;
  try {
    if ('usageError' in parsed) throw new UsageError(parsed.usageError);
    const options = parseAttackOptions(parsed.extra);
    const epsilon = optionalNumber(parsed.extra, 'epsilon', (n) => n >= 0, 'a number ≥ 0');
    if (epsilon === undefined) throw new UsageError('--epsilon E is required');
    const isClass = (n: number): boolean => Number.isInteger(n) && n >= 0;
    const target = optionalNumber(parsed.extra, 'target', isClass, 'a class index ≥ 0');
    const label = optionalNumber(parsed.extra, 'label', isClass, 'a class index ≥ 0');
    request = { ...options, epsilon, target: target ?? null, ...(label !== undefined ? { label } : {}) };
  } catch (error) {
    io.stderr(`layerlens attack: ${errorLine(error)}\n${USAGE}`);
    return 2;
  }
  let opened;
  try {
    opened = await openAnalysis(parsed, deps);
  } catch (error) {
    io.stderr(`layerlens attack: ${errorLine(error)}\n`);
    return 2;
  }
  try {
    const result = await attackExample(opened.session, { ...request, input: opened.input });
    io.stdout(parsed.json ? `${JSON.stringify(bindingJson(result))}\n` : summary(result, opened.session.classNames));
    return 0;
  } catch (error) {
    io.stderr(`layerlens attack: ${errorLine(error)}\n`);
    return 2;
  } finally {
    opened.dispose();
  }
}

/** The binding JSON object, fields in the documented order. */
function bindingJson(result: AttackResult): Record<string, unknown> {
  return {
    attack: result.attack, epsilon: result.epsilon, label: result.label, target: result.target, clip: [...result.clip],
    input: { shape: [...result.input.shape], data: Array.from(result.input.data) },
    adversarial: { shape: [...result.adversarial.shape], data: Array.from(result.adversarial.data) },
    probsBefore: Array.from(result.probsBefore), probsAfter: Array.from(result.probsAfter), linf: result.linf,
  };
}

function summary(result: AttackResult, classNames: readonly string[]): string {
  const best = (probs: Float32Array): number => (probs.length === 1 ? ((probs[0] ?? 0) > 0.5 ? 1 : 0) : probs.indexOf(Math.max(...probs)));
  const name = (c: number): string => (classNames[c] !== undefined && classNames[c] !== String(c) ? `${c} (${classNames[c]})` : String(c));
  const confidence = (probs: Float32Array, c: number): string => (probs.length === 1 ? (c === 1 ? probs[0] ?? 0 : 1 - (probs[0] ?? 0)) : probs[c] ?? 0).toFixed(4);
  const before = best(result.probsBefore);
  const after = best(result.probsAfter);
  const settings = result.attack === 'pgd' ? `, ${result.steps} steps of ${result.stepSize?.toPrecision(3)}${result.randomStart ? `, random start (seed ${result.seed})` : ''}` : '';
  return [
    `${result.attack} ε = ${result.epsilon}${settings}, clip [${result.clip.join(', ')}]`,
    `${result.target === null ? `away from label ${name(result.label)}` : `towards class ${name(result.target)}`}`,
    `prediction ${name(before)} (p = ${confidence(result.probsBefore, before)}) → ${name(after)} (p = ${confidence(result.probsAfter, after)})${before !== after ? '  FLIPPED' : ''}`,
    `‖δ‖∞ = ${result.linf}`,
  ].join('\n') + '\n';
}
