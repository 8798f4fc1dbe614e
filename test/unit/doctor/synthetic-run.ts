// Synthetic runs for the doctor's tests: metrics.jsonl rows and layer-stats.json built from a few numbers.
import type { MetricRow } from '../../../runtime/protocol';
import type { LayerStats, LayerStatsFile } from '../../../runtime/runs/layer-stats';
import type { ModelFacts } from '../../../runtime/doctor';

/** One epoch row per entry, `stepsPerEpoch` steps each. */
export function epochs(values: readonly Record<string, number>[], stepsPerEpoch = 100): MetricRow[] {
  return values.map((v, i) => ({ kind: 'epoch', epoch: i + 1, step: (i + 1) * stepsPerEpoch, values: v, time: i }));
}

export const FACTS: ModelFacts = {
  task: 'classification', classes: 10, reluLayerIds: ['c1', 'd1'], optimizer: 'adam', learningRate: 0.001,
  defaultLearningRate: 0.001, hasDropout: false,
};

export function layer(id: string, overrides: Partial<LayerStats> = {}): LayerStats {
  return { id, activationMean: 0.5, activationStd: 1, zeroFraction: 0.2, weightNorm: 3, gradientNorm: 0.1, ...overrides };
}

export function stats(layers: readonly LayerStats[]): LayerStatsFile {
  return { epoch: 3, batchSize: 64, split: 'validation', layers };
}
