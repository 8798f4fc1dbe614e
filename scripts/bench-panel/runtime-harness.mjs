// Trains a model file in the real runtime child (`dist/runtime.js`, forked with an IPC channel as the extension does)
// and hands every `runMetrics` notification to a consumer. Used by bench-panel.mjs.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {{ runtimeScript: string, modelFile: string, epochs: number, backend: string,
 *   onMetrics?: (notification: { runId: string, rows: object[], progress: object }) => void }} options
 * @returns {Promise<{ status: string, backend: string, samplesPerSecond: number, wallSeconds: number, batchRows: number, notifications: number,
 *   boundaryFrames: number, boundaryPercent: number }>}
 */
export async function trainOnce(options) {
  const runsDir = mkdtempSync(join(tmpdir(), 'layerlens-bench-panel-'));
  const child = fork(options.runtimeScript, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  try {
    await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`runtime exited with ${code}`)));
      child.on('message', (m) => { if (m.type === 'ready') resolve(undefined); });
    });
    let lastProgress;
    let firstRowTime;
    let batchRows = 0;
    let notifications = 0;
    let backend = '';
    let boundaryFrames = 0;
    // The runtime logs the share of training time its decision-boundary frames took (2-D classifiers only).
    let boundaryPercent = 0;
    const started = performance.now();
    const result = await new Promise((resolve, reject) => {
      child.on('message', (m) => {
        if (m.type === 'runStarted') backend = m.backend;
        else if (m.type === 'log') {
          const share = /decision boundary took ([\d.]+)% of training time/.exec(m.message)?.[1];
          if (share !== undefined) boundaryPercent = Number(share);
        } else if (m.type === 'runMetrics') {
          if (m.boundary) boundaryFrames++;
          notifications++;
          lastProgress = m.progress;
          batchRows += m.rows.filter((r) => r.kind === 'batch').length;
          firstRowTime ??= performance.now();
          options.onMetrics?.(m);
        } else if (m.type === 'response') {
          if (m.ok) resolve(m.result);
          else reject(new Error(m.error));
        }
      });
      child.send({ type: 'request', id: 1, method: 'train', params: {
        modelFile: options.modelFile, text: readFileSync(options.modelFile, 'utf8'), runsDir, epochs: options.epochs,
        backend: { preference: options.backend, nodeModuleDirs: [] },
      } });
    });
    return {
      status: result.status, backend,
      // The runtime's own measure: samples trained / seconds since the run began.
      samplesPerSecond: lastProgress?.samplesPerSecond ?? 0,
      wallSeconds: (performance.now() - (firstRowTime ?? started)) / 1000,
      batchRows, notifications, boundaryFrames, boundaryPercent,
    };
  } finally {
    child.kill('SIGKILL');
    rmSync(runsDir, { recursive: true, force: true });
  }
}
