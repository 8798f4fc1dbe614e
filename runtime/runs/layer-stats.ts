// `layer-stats.json`: per-layer statistics computed at the end of a run on one validation batch, shown on hover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from './atomic-write';
import { RUN_FILES } from './run-files';

export interface LayerStats {
  /** The layer's id in the model file. */
  readonly id: string;
  /** Mean and standard deviation of the layer's output over the batch (all elements). */
  readonly activationMean: number;
  readonly activationStd: number;
  /** Fraction of output elements that are exactly 0 (about half for a healthy ReLU after batch normalisation). */
  readonly zeroFraction: number;
  /**
   * Fraction of the layer's units (last axis: dense units or channels) that are 0 for every example and position of
   * the batch: dead ReLUs. Absent in runs recorded before it existed.
   */
  readonly deadFraction?: number;
  /** L2 norm over all of the layer's trainable weights; 0 for layers without weights. */
  readonly weightNorm: number;
  /** L2 norm of the loss gradient with respect to those weights on the batch; 0 without weights. */
  readonly gradientNorm: number;
}

export interface LayerStatsFile {
  /** Epochs trained when the statistics were taken. */
  readonly epoch: number;
  /** Examples in the batch, and which split it came from. */
  readonly batchSize: number;
  readonly split: 'validation' | 'train';
  /** In model-file order. */
  readonly layers: readonly LayerStats[];
}

export function layerStatsPath(runDir: string): string {
  return join(runDir, RUN_FILES.layerStats);
}

export function writeLayerStats(runDir: string, stats: LayerStatsFile): void {
  writeJsonAtomic(layerStatsPath(runDir), stats);
}

/** Undefined when the run has no (readable) layer-stats.json yet. */
export function readLayerStats(runDir: string): LayerStatsFile | undefined {
  try {
    return parseLayerStats(readFileSync(layerStatsPath(runDir), 'utf8'));
  } catch {
    return undefined; // missing
  }
}

/** Undefined when `text` is not a layer-stats.json (e.g. one being written). */
export function parseLayerStats(text: string): LayerStatsFile | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['layers'])) {
      return value as LayerStatsFile;
    }
  } catch {
    // Being written.
  }
  return undefined;
}
