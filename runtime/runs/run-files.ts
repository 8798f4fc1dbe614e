// Names of the files inside a run folder `<runsDir>/<timestamp>-<name>/` (the on-disk contract shared by the
// runtime that writes runs and the extension that lists and reads them).
import { join } from 'node:path';

export const RUN_FILES = {
  /** The model file's text as it was trained (the editor may have held unsaved changes). */
  spec: 'spec.yaml',
  /** RunMeta, replaced atomically on every update. */
  meta: 'meta.json',
  /** One MetricRow JSON per line, appended as training goes. */
  metrics: 'metrics.jsonl',
  /** Per-layer statistics at the end of the run (LayerStatsFile). */
  layerStats: 'layer-stats.json',
  /** Final model: tfjs LayersModel format (`model.json` + `weights.bin`). */
  model: 'model',
  /** One folder per epoch: `epoch-<n>/` with model, optimizer state and `state.json`. */
  checkpoints: 'checkpoints',
} as const;

/** Files of a saved model or checkpoint folder. */
export const MODEL_FILES = {
  modelJson: 'model.json',
  weights: 'weights.bin',
  /** Checkpoints only: the optimizer's weights (`optimizer.getWeights()`): specs JSON + binary data. */
  optimizerJson: 'optimizer.json',
  optimizerWeights: 'optimizer.bin',
  /** Checkpoints only: CheckpointState. */
  state: 'state.json',
} as const;

export function checkpointDir(runDir: string, epoch: number): string {
  return join(runDir, RUN_FILES.checkpoints, `epoch-${epoch}`);
}

/** Epoch numbers of the checkpoint folders present, ascending. */
export function checkpointEpochs(names: readonly string[]): number[] {
  return names
    .map((name) => /^epoch-(\d+)$/.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
