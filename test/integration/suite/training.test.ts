import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { MetricRow, RuntimeInfo, TrainResult } from '../../../runtime/protocol';
import { eventually, workspaceFile, WORKSPACE } from './helpers';

const runsDir = () => join(WORKSPACE, '.layerlens', 'runs');
const rowsOf = (runDir: string): MetricRow[] => {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) return [];
  // Every complete line must parse: a killed runtime may only leave a torn last line.
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.slice(0, -1);
  return complete.filter((l) => l.trim()).map((l) => JSON.parse(l) as MetricRow);
};
const meta = (runDir: string) =>
  JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8')) as { status: string; epochsDone: number; pid: number };

/** A slow enough model to kill mid-run: many epochs of a small MLP on spirals. */
const LONG_RUN = `name: long-spirals
task: classification
input: [2]
data: { source: spirals, samples: 600 }
layers:
  - dense: { units: 32, activation: relu }
  - dense: { units: 2, activation: softmax }
train: { epochs: 400, batchSize: 16, optimizer: adam, learningRate: 0.01, loss: categoricalCrossentropy, metrics: [accuracy], seed: 7 }
`;

suite('training', () => {
  test('Train Model on a sample creates a complete run folder', async () => {
    const uri = workspaceFile('mlp-xor.model.yaml');
    const result = await vscode.commands.executeCommand<TrainResult | undefined>('layerlens.train', uri);
    assert.ok(result, 'the train command returned a result');
    assert.equal(result.status, 'completed', result.message);
    for (const file of ['spec.yaml', 'meta.json', 'metrics.jsonl', 'model/model.json']) {
      assert.ok(existsSync(join(result.runDir, file)), `${file} in ${result.runDir}`);
    }
    assert.equal(readFileSync(join(result.runDir, 'spec.yaml'), 'utf8'), readFileSync(uri.fsPath, 'utf8'));
    assert.equal(meta(result.runDir).status, 'completed');
    const rows = rowsOf(result.runDir);
    const epochs = rows.filter((r) => r.kind === 'epoch');
    const planned = meta(result.runDir).epochsDone;
    assert.equal(epochs.length, planned);
    assert.ok(rows.filter((r) => r.kind === 'batch').length >= planned);
    assert.ok(readdirSync(join(result.runDir, 'checkpoints')).length >= 1);
    assert.ok(Number.isFinite(result.final.loss));
  });

  test('kill -9 of the runtime mid-run keeps the extension working, and the run is marked crashed with its metrics', async () => {
    const uri = workspaceFile('long.model.yaml');
    await writeFile(uri.fsPath, LONG_RUN);
    const before = new Set(existsSync(runsDir()) ? readdirSync(runsDir()) : []);
    const training = vscode.commands.executeCommand<TrainResult | undefined>('layerlens.train', uri);
    const runDir = await eventually('a new run folder with metrics', () => {
      const created = existsSync(runsDir()) ? readdirSync(runsDir()).filter((d) => !before.has(d)) : [];
      const dir = created[0] ? join(runsDir(), created[0]) : undefined;
      return dir && rowsOf(dir).filter((r) => r.kind === 'epoch').length >= 2 ? dir : undefined;
    }, 60_000);
    const trainingPid = meta(runDir).pid;
    assert.notEqual(trainingPid, process.pid, 'training runs in a child process');
    process.kill(trainingPid, 'SIGKILL');
    assert.equal(await training, undefined, 'the interrupted run returns no result');
    await eventually('the run marked crashed', () => (meta(runDir).status === 'crashed' ? true : undefined));
    const rows = rowsOf(runDir);
    assert.ok(rows.length > 2, 'metrics written before the kill are kept');

    const info = await vscode.commands.executeCommand<RuntimeInfo | undefined>('layerlens.showRuntimeInfo');
    assert.ok(info, 'the extension still answers');

    // Resume continues the epoch count from the last checkpoint, in the same folder.
    const lastEpoch = Math.max(...rows.filter((r) => r.kind === 'epoch').map((r) => r.epoch));
    const resumed = await vscode.commands.executeCommand<TrainResult | undefined>('layerlens.resumeTraining', uri, runDir, lastEpoch + 2);
    assert.ok(resumed);
    assert.equal(resumed.status, 'completed', resumed.message);
    assert.equal(resumed.runDir, runDir);
    const epochs = rowsOf(runDir).filter((r) => r.kind === 'epoch').map((r) => r.epoch);
    assert.deepEqual(epochs, Array.from({ length: lastEpoch + 2 }, (_, i) => i + 1), 'each epoch once, in order');
    assert.notEqual(meta(runDir).pid, trainingPid, 'resumed in a new runtime');
  });

  test('two model files train side by side, each in its own runtime', async () => {
    const files = ['side-a', 'side-b'].map((name) => workspaceFile(`${name}.model.yaml`));
    await Promise.all(files.map((uri, i) => writeFile(uri.fsPath,
      LONG_RUN.replace('name: long-spirals', `name: side-${i}`).replace('epochs: 400', 'epochs: 3'))));
    const results = await Promise.all(files.map((uri) => vscode.commands.executeCommand<TrainResult | undefined>('layerlens.train', uri)));
    for (const result of results) assert.equal(result?.status, 'completed', result?.message);
    const pids = results.map((r) => meta(r?.runDir ?? '').pid);
    assert.notEqual(pids[0], pids[1]);
  });
});
