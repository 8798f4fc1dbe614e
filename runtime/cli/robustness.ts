// `layerlens robustness RUN_DIR --attack fgsm|pgd --epsilons 0,0.05,0.1 [--samples N] [--steps K]
// [--transfer-from RUN_DIR2] [--seed S] [--backend B] --json`: robust accuracy against ε over the first N validation
// examples (default 500), stored in the run's robustness.json. Binding (checked by external tests): with --json,
// exactly one JSON object {"attack", "epsilons", "accuracy", "cleanAccuracy", "samples"}. Failed sanity checks go to
// stderr. Errors exit 2 with one line on stderr.
import { join, resolve } from 'node:path';
import { DEFAULT_ROBUSTNESS_SAMPLES, robustnessOfRun, TRANSFORM_CAVEAT, type InputTransform } from '../analysis/attacks';
import { AnalysisSession, loadRun } from '../analysis';
import type { RobustnessResult } from '../protocol';
import { openAnalysis, parseAnalysisArgs, type AnalysisCliDeps } from './analysis-args';
import { ATTACK_OPTIONS, ATTACK_OPTIONS_USAGE, errorLine, optionalNumber, parseAttackOptions, UsageError } from './attack-options';

export interface RobustnessIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: layerlens robustness RUN_DIR --attack fgsm|pgd --epsilons 0,0.05,0.1 [--samples N] [--steps K]
                            [--transfer-from RUN_DIR2] [--seed S] [--epoch E] [--backend B] [--json]
  --epsilons LIST      comma-separated L∞ budgets
  --samples N          the first N validation examples (default ${DEFAULT_ROBUSTNESS_SAMPLES})
${ATTACK_OPTIONS_USAGE}
  --transfer-from DIR  craft the attack on this run (black-box transfer), evaluate RUN_DIR
  --bit-depth B        evaluate through bit-depth reduction to B bits (not a real defence)
  --median K           evaluate through a K×K median filter (not a real defence)
  --epoch E            weights of checkpoints/epoch-E/ (default: the final model)
  --backend B          TensorFlow.js backend (default auto)
  --json               print one JSON object
`;

const OWN_OPTIONS = {
  ...ATTACK_OPTIONS, epsilons: { type: 'string' }, samples: { type: 'string' }, 'transfer-from': { type: 'string' },
  'bit-depth': { type: 'string' }, median: { type: 'string' },
} as const;

export async function runRobustness(args: readonly string[], io: RobustnessIo, deps: AnalysisCliDeps = {}): Promise<number> {
  if (args.some((arg) => /^--(sample|input)(=|$)/.test(arg))) {
    io.stderr(`layerlens robustness: it uses the first --samples validation examples; --sample and --input are for attack\n${USAGE}`);
    return 2;
  }
  const parsed = parseAnalysisArgs(args, OWN_OPTIONS);
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  let request;
  let transferFrom: string | undefined;
  try {
    if ('usageError' in parsed) throw new UsageError(parsed.usageError);
    const options = parseAttackOptions(parsed.extra);
    const list = parsed.extra['epsilons'];
    if (typeof list !== 'string') throw new UsageError('--epsilons E1,E2,... is required');
    const epsilons = list.split(',').map((text) => (text.trim() === '' ? Number.NaN : Number(text)));
    if (epsilons.some((e) => !Number.isFinite(e) || e < 0)) throw new UsageError(`--epsilons must be numbers ≥ 0 separated by commas, got '${list}'`);
    const samples = optionalNumber(parsed.extra, 'samples', (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
    const bitDepth = optionalNumber(parsed.extra, 'bit-depth', (n) => Number.isInteger(n) && n >= 1 && n <= 8, 'a whole number in 1…8');
    const median = optionalNumber(parsed.extra, 'median', (n) => Number.isInteger(n) && n >= 3 && n % 2 === 1, 'an odd whole number ≥ 3');
    const transform: InputTransform | undefined = bitDepth !== undefined || median !== undefined
      ? { ...(bitDepth !== undefined ? { bitDepth } : {}), ...(median !== undefined ? { median } : {}) } : undefined;
    const from = parsed.extra['transfer-from'];
    transferFrom = typeof from === 'string' ? resolve(from) : undefined;
    request = { ...options, epsilons, ...(samples !== undefined ? { samples } : {}), ...(transform ? { transform } : {}) };
  } catch (error) {
    io.stderr(`layerlens robustness: ${errorLine(error)}\n${USAGE}`);
    return 2;
  }
  let opened;
  let surrogate: AnalysisSession | undefined;
  try {
    opened = await openAnalysis(parsed, deps);
    if (transferFrom !== undefined) {
      surrogate = await AnalysisSession.open('cli-surrogate', await loadRun(transferFrom, { assetsDir: deps.assetsDir ?? join(__dirname, 'data') }));
    }
  } catch (error) {
    opened?.dispose();
    io.stderr(`layerlens robustness: ${errorLine(error)}\n`);
    return 2;
  }
  try {
    const result = await robustnessOfRun(opened.session, request, surrogate);
    for (const finding of result.findings) io.stderr(`warning: ${finding.message}\n`);
    if (request.transform) io.stderr(`note: ${TRANSFORM_CAVEAT}\n`);
    io.stdout(parsed.json ? `${JSON.stringify(bindingJson(result))}\n` : table(result));
    return 0;
  } catch (error) {
    io.stderr(`layerlens robustness: ${errorLine(error)}\n`);
    return 2;
  } finally {
    surrogate?.dispose();
    opened.dispose();
  }
}

function bindingJson(result: RobustnessResult): Record<string, unknown> {
  return { attack: result.attack, epsilons: [...result.epsilons], accuracy: [...result.accuracy], cleanAccuracy: result.cleanAccuracy, samples: result.samples };
}

function table(result: RobustnessResult): string {
  const lines = [
    `${result.attack} over ${result.samples} validation examples${result.transferFrom ? `, crafted on ${result.transferFrom}` : ''}; clean accuracy ${(result.cleanAccuracy * 100).toFixed(1)}%`,
    '       ε   accuracy   max ‖δ‖∞',
    ...result.epsilons.map((e, i) => `${String(e).padStart(8)} ${`${((result.accuracy[i] ?? 0) * 100).toFixed(1)}%`.padStart(10)} ${String(Number((result.maxLinf[i] ?? 0).toPrecision(4))).padStart(10)}`),
  ];
  return `${lines.join('\n')}\n`;
}
