// The Adversarial view's requests, answered from the analysis runtime (`attack`, `robustness`) and the run folders
// (stored curves). Robustness over hundreds of examples shows a progress notification with Cancel; cancelling it (or
// the page) cancels the runtime request. Params are checked at the boundary (adversarial-params.ts).
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RpcHandlers } from '../../webviews/shared/rpc';
import type { AdversarialHostServes, RobustnessAsk, StoredCurve } from '../../webviews/inspector/adversarial-protocol';
import type { InputChoice } from '../../webviews/inspector/protocol';
import type { AnalysisInput } from '../../runtime/protocol';
import { checkModel } from '../../runtime/language';
import { isArrayOf, isNumber, isRecord, oneOf } from '../util/guards';
import type { AnalysisSessions } from './analysis-sessions';

/** The run-folder file robustness curves are stored in (runtime/analysis/attacks/robustness-file.ts). */
const ROBUSTNESS_FILE = 'robustness.json';

const toAnalysisInput = (input: InputChoice): AnalysisInput => (input.kind === 'example' ? { example: input.index } : { tensor: input.tensor });

export function adversarialHandlers(sessions: AnalysisSessions): RpcHandlers<AdversarialHostServes> {
  return {
    attack: async ({ runDir, epoch, input, attack, epsilon, steps, target }, signal) => {
      const result = await sessions.withSession({ runDir, epoch }, signal, (sessionId) => sessions.request('attack', {
        sessionId, input: toAnalysisInput(input), attack, epsilon, target, ...(steps !== undefined ? { steps } : {}),
      }, signal));
      return {
        epsilon: result.epsilon, label: result.label, target: result.target, clip: result.clip, input: result.input,
        adversarial: result.adversarial, probsBefore: result.probsBefore, probsAfter: result.probsAfter, linf: result.linf,
        trueLabel: result.trueLabel,
      };
    },
    robustness: (ask, signal) => robustnessWithProgress(sessions, ask, signal),
    robustnessCurves: async ({ runDir }) => {
      const runs = await runsWithInputOf(runDir);
      return { runs, curves: (await Promise.all(runs.map((run) => storedCurves(run.runDir)))).flat() };
    },
  };
}

function robustnessWithProgress(sessions: AnalysisSessions, ask: RobustnessAsk, signal: AbortSignal): Promise<AdversarialHostServes['robustness']['result']> {
  const title = `LayerLens: robust accuracy (${ask.attack}, ${ask.samples} examples × ${ask.epsilons.length} ε${ask.transferFrom ? ', transfer' : ''})`;
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    token.onCancellationRequested(abort);
    signal.addEventListener('abort', abort, { once: true });
    let reported = 0;
    const onProgress = (done: number, total: number): void => {
      const percent = total > 0 ? (100 * done) / total : 0;
      progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
      reported = percent;
    };
    try {
      // Open the surrogate first, so that the evaluated run is the most recently used of the two loaded sessions.
      const surrogate = ask.transferFrom ? (await sessions.open(ask.transferFrom, controller.signal)).sessionId : undefined;
      const result = await sessions.withSession({ runDir: ask.runDir, epoch: ask.epoch }, controller.signal, (sessionId) => sessions.request('robustness', {
        sessionId, attack: ask.attack, epsilons: ask.epsilons, samples: ask.samples,
        ...(ask.steps !== undefined ? { steps: ask.steps } : {}), ...(surrogate !== undefined ? { transferFromSessionId: surrogate } : {}),
        ...(ask.transform ? { transform: ask.transform } : {}),
      }, controller.signal, onProgress));
      return {
        epsilons: result.epsilons, accuracy: result.accuracy, cleanAccuracy: result.cleanAccuracy, samples: result.samples,
        maxLinf: result.maxLinf, findings: result.findings,
      };
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }));
}

/** Run folders beside `runDir` whose spec.yaml takes the same input shape, newest first (folder names start with a timestamp). */
async function runsWithInputOf(runDir: string): Promise<{ runDir: string; runId: string }[]> {
  const inputOf = async (dir: string): Promise<string | undefined> => {
    try {
      const spec = checkModel(await readFile(join(dir, 'spec.yaml'), 'utf8'), join(dir, 'spec.yaml')).spec;
      return spec ? JSON.stringify(spec.input) : undefined;
    } catch {
      return undefined;
    }
  };
  const wanted = await inputOf(runDir);
  const parent = dirname(runDir);
  const names = (await readdir(parent, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => e.name).sort().reverse();
  const inputs = await Promise.all(names.map((name) => inputOf(join(parent, name))));
  return names.filter((_, i) => wanted !== undefined && inputs[i] === wanted).map((name) => ({ runDir: join(parent, name), runId: name }));
}

/** White-box curves of the final model stored in a run's robustness.json; none when it has none. */
async function storedCurves(runDir: string): Promise<StoredCurve[]> {
  let content: unknown;
  try {
    content = JSON.parse(await readFile(join(runDir, ROBUSTNESS_FILE), 'utf8'));
  } catch {
    return [];
  }
  const curves = isRecord(content) && Array.isArray(content['curves']) ? content['curves'] : [];
  return curves.filter(isStoredCurve).filter((c) => c['transferFrom'] === null && c['transform'] === null && c['epoch'] === null)
    .map((c) => ({
      runDir, attack: c.attack, epsilons: c.epsilons, accuracy: c.accuracy, cleanAccuracy: c.cleanAccuracy, samples: c.samples, transferFrom: null,
    }));
}

const isStoredCurve = (value: unknown): value is Omit<StoredCurve, 'runDir'> & Record<string, unknown> => isRecord(value)
  && oneOf('fgsm', 'pgd')(value['attack']) && isArrayOf(isNumber)(value['epsilons']) && isArrayOf(isNumber)(value['accuracy'])
  && isNumber(value['cleanAccuracy']) && isNumber(value['samples']);

