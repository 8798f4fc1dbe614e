import { join } from 'node:path';
import type { RequestHandlers } from './server';
import type { RuntimeChannel } from './ipc/channel';
import { BackendSession } from './backend-session';
import { createTrainer } from './training';

/**
 * The runtime's request handlers; state (the loaded backend, the active run) lives in the objects they close over.
 * Assets sit next to the bundle: the wasm binaries in `dist/`, packed data sets in `dist/data/`.
 */
export function createHandlers(channel: RuntimeChannel): RequestHandlers {
  const backend = new BackendSession(__dirname, (line) => channel.send({ type: 'log', level: 'info', message: `backend: ${line}` }));
  const trainer = createTrainer({
    notify: (message) => channel.send(message),
    selectBackend: (options) => backend.select({ preference: options.preference, nodeModuleDirs: options.nodeModuleDirs }),
    assetsDir: join(__dirname, 'data'),
    wasmDir: __dirname,
  });
  return {
    info: (options) => backend.info(options),
    train: (params) => trainer.train(params),
    stop: ({ runId }) => Promise.resolve({ stopping: trainer.requestStop(runId) }),
    // The analysis requests land with the Inspector's runtime side (issue 8); until then they say so.
    openRun: () => Promise.reject(new Error('openRun: not available yet')),
    featureMaps: () => Promise.reject(new Error('featureMaps: not available yet')),
    closeRun: () => Promise.reject(new Error('closeRun: not available yet')),
    explain: () => Promise.reject(new Error('explain: not available yet')),
    maximize: () => Promise.reject(new Error('maximize: not available yet')),
    cancel: () => Promise.resolve({ cancelled: false }),
  };
}
