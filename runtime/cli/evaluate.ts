// `layerlens evaluate RUN_DIR [--epoch E] [--backend B] [--json]`: the evaluation of a run's final model (or of the
// checkpoint of epoch E) on its validation split. Prints evaluation.json's content with --json (binding interface),
// a short report otherwise. The file is computed and written when missing.
// Exit codes: 0 printed, 1 the run cannot be evaluated, 2 usage error.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackendUnavailableError, LADDER_ORDER, selectBackend } from '../backends';
import { evaluateRun, type Evaluation } from '../evaluation';
import type { BackendPreference } from '../protocol';
import { readMeta } from '../runs';

export interface EvaluateIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PREFERENCES: readonly string[] = ['auto', ...LADDER_ORDER];
const USAGE = `usage: layerlens evaluate RUN_DIR [--epoch E] [--backend ${PREFERENCES.join('|')}] [--json]
  --epoch E     evaluate the checkpoint of epoch E instead of the final model
  --backend B   TensorFlow.js backend (default: the one the run trained on, else auto)
  --json        print evaluation.json
`;

interface EvaluateOptions {
  readonly runDir: string;
  readonly epoch?: number;
  readonly backend?: BackendPreference;
  readonly json: boolean;
}

function parse(args: string[]): EvaluateOptions | { readonly usageError: string } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true,
      options: { epoch: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (error) {
    return { usageError: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  const [runDir, ...extra] = positionals;
  if (runDir === undefined || extra.length > 0) return { usageError: 'expected exactly one run folder' };
  if (values.backend !== undefined && !PREFERENCES.includes(values.backend)) return { usageError: `--backend must be one of ${PREFERENCES.join(', ')}` };
  let epoch: number | undefined;
  if (values.epoch !== undefined) {
    epoch = Number(values.epoch);
    if (!Number.isInteger(epoch) || epoch < 1) return { usageError: `--epoch must be a whole number ≥ 1, got '${values.epoch}'` };
  }
  return { runDir: resolve(runDir), json: values.json ?? false, ...(epoch !== undefined ? { epoch } : {}),
    ...(values.backend !== undefined ? { backend: values.backend as BackendPreference } : {}) };
}

export async function runEvaluate(args: string[], io: EvaluateIo, assetsDir: string, wasmDir: string,
  nodeModuleDirs: readonly string[]): Promise<number> {
  const options = parse(args);
  if ('usageError' in options) {
    io.stderr(`layerlens evaluate: ${options.usageError}\n${USAGE}`);
    return 2;
  }
  try {
    const trainedOn = readMeta(options.runDir).backend;
    const preference = options.backend ?? (PREFERENCES.includes(trainedOn) ? trainedOn as BackendPreference : 'auto');
    await selectBackendOrAuto(preference, options.backend === undefined, nodeModuleDirs, wasmDir);
    const { evaluation, path } = await evaluateRun(options.runDir, { assetsDir, ...(options.epoch !== undefined ? { epoch: options.epoch } : {}) });
    io.stdout(options.json ? readFileSync(path, 'utf8') : `${describe(evaluation)}evaluation: ${path}\n`);
    return 0;
  } catch (error) {
    const reasons = error instanceof BackendUnavailableError ? `\n${error.reasons.map((r) => `  ${r}`).join('\n')}` : '';
    io.stderr(`layerlens evaluate: ${error instanceof Error ? error.message : String(error)}${reasons}\n`);
    return 1;
  }
}

/** The run's own backend when it is still available (identical numbers), else the ladder. */
async function selectBackendOrAuto(preference: BackendPreference, fallBack: boolean, nodeModuleDirs: readonly string[], wasmDir: string): Promise<void> {
  try {
    await selectBackend({ preference, nodeModuleDirs, wasmDir });
  } catch (error) {
    if (!fallBack || preference === 'auto') throw error;
    await selectBackend({ preference: 'auto', nodeModuleDirs, wasmDir });
  }
}

function describe(evaluation: Evaluation): string {
  const head = `${evaluation.task} · ${evaluation.count} validation examples · epoch ${evaluation.epoch} (${evaluation.weights})\n`;
  switch (evaluation.task) {
    case 'classification': {
      const rows = evaluation.perClass.map((c) =>
        `  ${c.class.padEnd(12)} precision ${c.precision.toFixed(3)}  recall ${c.recall.toFixed(3)}  f1 ${c.f1.toFixed(3)}  support ${c.support}\n`);
      return `${head}accuracy ${evaluation.accuracy.toFixed(4)}  ${evaluation.topK.map((t) => `top-${t.k} ${t.accuracy.toFixed(4)}`).join('  ')}\n`
        + `${rows.join('')}misclassified ${evaluation.misclassified.length}\n`;
    }
    case 'regression': {
      const line = evaluation.linear ? `line: ${evaluation.targetNames[0] ?? 'y'} = ${evaluation.linear.w.toFixed(4)} · ${evaluation.inputName ?? 'x'} + ${evaluation.linear.b.toFixed(4)}\n` : '';
      return `${head}mse ${evaluation.mse.toFixed(4)}  mae ${evaluation.mae.toFixed(4)}  r2 ${evaluation.r2.toFixed(4)}  (${evaluation.units || 'target units'})\n${line}`;
    }
    case 'segmentation':
      return `${head}pixel accuracy ${evaluation.pixelAccuracy.toFixed(4)}  IoU ${evaluation.iou.map((v, k) => `${evaluation.classNames[k] ?? k} ${v.toFixed(4)}`).join('  ')}\n`;
    default: {
      const unknown: never = evaluation;
      return `${JSON.stringify(unknown)}\n`;
    }
  }
}

/** Where the CLI bundle finds packed data (next to it, as for `train`). */
export const defaultAssetsDir = (bundleDir: string): string => join(bundleDir, 'data');
