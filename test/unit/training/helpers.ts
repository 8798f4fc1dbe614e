// Shared helpers of the training tests: temporary model files and runs folders, a trainer with a recording notify,
// and small model files. Tests pin a backend with `backend: { preference }` in TrainParams (cpu or wasm).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../../../runtime/backends';
import type { BackendName } from '../../../runtime/backends';
import type { MetricRow, TrainParams, TrainResult } from '../../../runtime/protocol';
import { createTrainer, type Trainer, type TrainerDeps, type TrainerMessage } from '../../../runtime/training';

export const BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

export interface Workspace {
  readonly dir: string;
  readonly runsDir: string;
  /** Writes `<name>.model.yaml` and returns its absolute path. */
  modelFile(name: string, text: string): string;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'layerlens-train-'));
  const runsDir = join(dir, '.layerlens', 'runs');
  mkdirSync(runsDir, { recursive: true });
  return {
    dir, runsDir,
    modelFile(name, text) {
      const file = join(dir, `${name}.model.yaml`);
      writeFileSync(file, text);
      return file;
    },
  };
}

export interface RecordingTrainer {
  readonly trainer: Trainer;
  readonly messages: TrainerMessage[];
  /** Rows of every runMetrics message, in order. */
  readonly rows: () => MetricRow[];
  readonly run: (file: string, text: string, backend: BackendName, extra?: Partial<TrainParams>) => Promise<TrainResult>;
}

export function recordingTrainer(ws: Workspace, deps: Partial<TrainerDeps> = {}, onMessage?: (m: TrainerMessage, t: Trainer) => void): RecordingTrainer {
  const messages: TrainerMessage[] = [];
  const holder: { trainer?: Trainer } = {};
  const created = createTrainer({
    selectBackend, assetsDir: join(ws.dir, 'no-assets'),
    ...deps,
    notify: (message) => {
      messages.push(message);
      if (onMessage && holder.trainer) onMessage(message, holder.trainer);
    },
  });
  holder.trainer = created;
  return {
    trainer: created,
    messages,
    rows: () => messages.flatMap((m) => (m.type === 'runMetrics' ? m.rows : [])),
    run: (file, text, backend, extra = {}) => created.train({
      modelFile: file, text, runsDir: ws.runsDir, backend: { preference: backend, nodeModuleDirs: [] }, ...extra,
    }),
  };
}

export function xorModel(options: { epochs: number; seed?: number; samples?: number; noise?: number; batchSize?: number; learningRate?: number }): string {
  return `name: xor
task: classification
input: [2]
data: { source: xor, samples: ${options.samples ?? 100}, noise: ${options.noise ?? 0}, validationSplit: 0.2 }
layers:
  - dense: { units: 16, activation: relu }
  - dense: { units: 16, activation: relu }
  - dense: { units: 2, activation: softmax }
train: { epochs: ${options.epochs}, batchSize: ${options.batchSize ?? 16}, optimizer: adam, learningRate: ${options.learningRate ?? 0.02}${options.seed !== undefined ? `, seed: ${options.seed}` : ''} }
`;
}

export function heightWeightModel(options: { epochs: number; learningRate: number; optimizer?: string; noise?: number }): string {
  return `name: height weight
task: regression
input: [1]
data: { source: height-weight, samples: 200, noise: ${options.noise ?? 2} }
layers:
  - dense: { units: 8, activation: relu }
  - dense: { units: 1 }
train: { epochs: ${options.epochs}, batchSize: 16, optimizer: ${options.optimizer ?? 'adam'}, learningRate: ${options.learningRate}, seed: 5 }
`;
}
