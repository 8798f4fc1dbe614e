import { join } from 'node:path';
import type { RequestHandlers } from './server';
import type { RuntimeChannel } from './ipc/channel';
import { BackendSession } from './backend-session';
import { createTrainer, trainWorkerScriptBeside } from './training';
import { createAnalysisHandlers } from './analysis/handlers';
import { createAttackHandlers } from './analysis/attacks/attack-handlers';
import { evaluateRun } from './evaluation/evaluate-run';
import { createExplainHandlers } from './analysis/explain/handlers';

export interface HandlerDirs {
  /** Folder of the tfjs-backend-wasm binaries; undefined uses the installed package's (tests). */
  readonly wasmDir: string | undefined;
  /** Folder of packed data sets (mnist). */
  readonly assetsDir: string;
}

/**
 * The runtime's request handlers; state (the loaded backend, the active run, the analysis sessions) lives in the
 * objects they close over. Assets sit next to the bundle: the wasm binaries in `dist/`, packed data in `dist/data/`.
 */
export function createHandlers(channel: RuntimeChannel, dirs: HandlerDirs = { wasmDir: __dirname, assetsDir: join(__dirname, 'data') }): RequestHandlers {
  const backend = new BackendSession(dirs.wasmDir, (line) => channel.send({ type: 'log', level: 'info', message: line }));
  const trainer = createTrainer({
    notify: (message) => channel.send(message),
    selectBackend: (options) => backend.select({ preference: options.preference, nodeModuleDirs: options.nodeModuleDirs }),
    assetsDir: dirs.assetsDir,
    ...(dirs.wasmDir !== undefined ? { wasmDir: dirs.wasmDir } : {}),
    ...trainWorkerScriptBeside(__dirname),
  });
  const analysis = createAnalysisHandlers({ selectBackend: (options) => backend.select(options), assetsDir: dirs.assetsDir });
  const attacks = createAttackHandlers(analysis.cache);
  return {
    info: (options) => backend.info(options),
    train: (params) => trainer.train(params),
    stop: ({ runId }) => Promise.resolve({ stopping: trainer.requestStop(runId) }),
    openRun: analysis.openRun,
    featureMaps: analysis.featureMaps,
    examples: analysis.examples,
    closeRun: analysis.closeRun,
    attack: attacks.attack,
    robustness: attacks.robustness,
    evaluate: async ({ runDir, epoch, backend: options }) => {
      await backend.select(options);
      const { path } = await evaluateRun(runDir, { assetsDir: dirs.assetsDir, ...(epoch !== undefined ? { epoch } : {}) });
      return { path };
    },
    ...createExplainHandlers(analysis.cache),
  };
}
