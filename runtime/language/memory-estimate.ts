// Memory a model needs to train, estimated from the checker's shapes before anything is allocated (issue 11: a
// 159M-parameter model passed the checker and died after 9 s at 4.16 GB). Pure: the caller supplies the machine's
// memory (the extension passes os.totalmem(), the runtime checks its hard limit).
import type { Diagnostic, LayerInfo, ModelCheck } from './types';

const BYTES_PER_VALUE = 4; // float32
/** Weights, their gradients and up to two optimizer slots (Adam's moments). */
const PARAM_COPIES = 4;
/** Each layer's output is kept for the backward pass, and its gradient has the same size. */
const ACTIVATION_COPIES = 2;
const DEFAULT_BATCH_SIZE = 32;
/** The checker warns above this share of the machine's memory; the runtime refuses above `HARD_LIMIT_SHARE`. */
export const WARN_SHARE = 0.5;
export const HARD_LIMIT_SHARE = 0.8;

export interface LayerMemory {
  readonly id: string;
  readonly bytes: number;
}

export interface MemoryEstimate {
  readonly batchSize: number;
  readonly paramBytes: number;
  /** Peak activation memory of one training step at `batchSize` (outputs plus their gradients). */
  readonly activationBytes: number;
  readonly totalBytes: number;
  /** Layers by their own share (parameters plus activations), largest first, at most 3. */
  readonly largest: readonly LayerMemory[];
}

export function estimateMemory(check: ModelCheck, batchSize = check.spec?.train.batchSize ?? DEFAULT_BATCH_SIZE): MemoryEstimate {
  const perLayer = check.layers.map((layer) => ({ layer, bytes: layerBytes(layer, batchSize) }));
  const paramBytes = check.totals.params * BYTES_PER_VALUE * PARAM_COPIES;
  const activationBytes = check.layers.reduce((sum, layer) => sum + activationBytesOf(layer, batchSize), 0);
  const largest = perLayer.sort((a, b) => b.bytes - a.bytes).slice(0, 3).filter((l) => l.bytes > 0)
    .map(({ layer, bytes }) => ({ id: layer.id, bytes }));
  return { batchSize, paramBytes, activationBytes, totalBytes: paramBytes + activationBytes, largest };
}

function activationBytesOf(layer: LayerInfo, batchSize: number): number {
  const elements = layer.outputShape ? layer.outputShape.reduce((a, b) => a * b, 1) : 0;
  return elements * batchSize * BYTES_PER_VALUE * ACTIVATION_COPIES;
}

function layerBytes(layer: LayerInfo, batchSize: number): number {
  return layer.params * BYTES_PER_VALUE * PARAM_COPIES + activationBytesOf(layer, batchSize);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** `dense_1 (2.4 GB), conv2d_3 (310 MB)`. */
export function describeLargest(estimate: MemoryEstimate): string {
  return estimate.largest.map((l) => `${l.id} (${formatBytes(l.bytes)})`).join(', ');
}

export function describeEstimate(estimate: MemoryEstimate): string {
  return `training needs about ${formatBytes(estimate.totalBytes)} (parameters with gradients and optimizer state `
    + `${formatBytes(estimate.paramBytes)}, activations at batch size ${estimate.batchSize} ${formatBytes(estimate.activationBytes)}); `
    + `largest layers: ${describeLargest(estimate)}`;
}

/** A warning on the largest layer when training would take more than `WARN_SHARE` of `totalMemory`; else none. */
export function memoryDiagnostics(check: ModelCheck, totalMemory: number): Diagnostic[] {
  if (!(totalMemory > 0) || check.layers.length === 0) return [];
  const estimate = estimateMemory(check);
  if (estimate.totalBytes <= totalMemory * WARN_SHARE) return [];
  const largestId = estimate.largest[0]?.id;
  const where = check.layers.find((l) => l.id === largestId) ?? check.layers[0];
  if (!where) return [];
  return [{
    severity: 'warning', code: 'too-large', range: where.range,
    message: `${describeEstimate(estimate)}: more than ${Math.round(WARN_SHARE * 100)}% of this machine's ${formatBytes(totalMemory)}`,
  }];
}
