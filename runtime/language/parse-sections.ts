// Parses the `data` and `train` sections, filling in defaults.
import type { ParsedNode } from 'yaml';
import { MapReader } from './map-reader';
import { parseAdversarial } from './parse-adversarial';
import { asMap, describeNode, type SourceContext } from './source';
import {
  DATA_SOURCES, LOSSES, METRICS, OPTIMIZERS, PRETEXTS,
  type DataSpec, type Loss, type Metric, type Optimizer, type Range, type Task, type TrainSpec,
} from './types';

const SPLIT = { min: 0, max: 1, exclusiveMax: true } as const;
const SEED = { integer: true, min: 0, max: 2 ** 32 - 1 } as const;

/** Returns undefined when the section is invalid (diagnostics are reported). */
export function parseData(ctx: SourceContext, node: ParsedNode | null, keyRange: Range): DataSpec | undefined {
  const map = asMap(node);
  if (!map) {
    ctx.report('error', 'structure', `'data' must be a map such as { source: mnist } (got ${describeNode(node)})`, ctx.rangeOf(node));
    return undefined;
  }
  const r = new MapReader(ctx, map, keyRange, 'data');
  const source = r.requiredEnum('source', DATA_SOURCES, 'mnist');
  const validationSplit = r.optionalNumber('validationSplit', SPLIT);
  const shuffleLabels = r.bool('shuffleLabels', false);
  const path = r.optionalString('path');
  const labelColumn = r.optionalColumn('labelColumn');
  const featureColumns = r.optionalColumns('featureColumns');
  const imageSize = r.optionalPair('imageSize', { integer: true, min: 1, max: 4096 });
  const samples = r.optionalNumber('samples', { integer: true, min: 1, max: 10_000_000 });
  const noise = r.optionalNumber('noise', { min: 0, max: 1_000 });
  const seed = r.optionalNumber('seed', SEED);
  const classes = r.distinctNumbers('classes', { integer: true, min: 0, max: 100_000 }, 10_000);
  const samplesPerClass = r.optionalNumber('samplesPerClass', { integer: true, min: 1, max: 10_000_000 });
  const pretext = r.optionalEnum('pretext', PRETEXTS);
  if ((source === 'csv' || source === 'images') && path === undefined && !r.has('path')) {
    r.failed = true;
    ctx.report('error', 'missing-value', `data: source '${source}' needs a 'path'`, r.valueRange('source') ?? keyRange);
  }
  r.reportUnknownKeys('key', 'warning');
  if (r.failed) return undefined;
  return {
    source, shuffleLabels,
    ...(validationSplit !== undefined ? { validationSplit } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(labelColumn !== undefined ? { labelColumn } : {}),
    ...(featureColumns !== undefined ? { featureColumns } : {}),
    ...(imageSize !== undefined ? { imageSize } : {}),
    ...(samples !== undefined ? { samples } : {}),
    ...(noise !== undefined ? { noise } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(classes !== undefined ? { classes } : {}),
    ...(samplesPerClass !== undefined ? { samplesPerClass } : {}),
    ...(pretext !== undefined ? { pretext } : {}),
  };
}

const DEFAULT_LOSS: Readonly<Record<Task, Loss>> = {
  classification: 'categoricalCrossentropy',
  regression: 'meanSquaredError',
  segmentation: 'binaryCrossentropy',
  reconstruction: 'meanSquaredError',
  gan: 'binaryCrossentropy',
};

const DEFAULT_METRICS: Readonly<Record<Task, readonly Metric[]>> = {
  classification: ['accuracy'],
  regression: [],
  segmentation: ['accuracy'],
  reconstruction: [],
  gan: [],
};

/** Keras default learning rates. */
export const DEFAULT_LEARNING_RATE: Readonly<Record<Optimizer, number>> = {
  sgd: 0.01, momentum: 0.01, adam: 0.001, rmsprop: 0.001, adagrad: 0.001, adadelta: 0.001, adamax: 0.001,
};

/** Returns undefined when the section is invalid (diagnostics are reported); a missing section means defaults. */
export function parseTrain(ctx: SourceContext, node: ParsedNode | null | undefined, keyRange: Range, task: Task): TrainSpec | undefined {
  const map = asMap(node);
  if (node !== undefined && !map) {
    ctx.report('error', 'structure', `'train' must be a map such as { epochs: 5 } (got ${describeNode(node)})`, ctx.rangeOf(node));
    return undefined;
  }
  const r = new MapReader(ctx, map, keyRange, 'train');
  const epochs = r.number('epochs', { integer: true, min: 1, max: 1_000_000 }, 10);
  const batchSize = r.number('batchSize', { integer: true, min: 1, max: 1_000_000 }, 32);
  const optimizer = r.enumValue('optimizer', OPTIMIZERS, 'adam');
  const learningRate = r.number('learningRate', { min: 0, exclusiveMin: true, max: 100 }, DEFAULT_LEARNING_RATE[optimizer]);
  const loss = r.enumValue('loss', LOSSES, DEFAULT_LOSS[task]);
  const metrics = r.enumList('metrics', METRICS) ?? DEFAULT_METRICS[task];
  const seed = r.optionalNumber('seed', SEED);
  const validationSplit = r.optionalNumber('validationSplit', SPLIT);
  const discriminatorSteps = r.optionalNumber('discriminatorSteps', { integer: true, min: 1, max: 100 });
  const adversarialSection = r.section('adversarial');
  const adversarial = adversarialSection && parseAdversarial(ctx, adversarialSection.node, adversarialSection.keyRange, task);
  r.reportUnknownKeys('key', 'warning');
  if (r.failed || (adversarialSection && !adversarial)) return undefined;
  return {
    epochs, batchSize, optimizer, learningRate, loss, metrics,
    ...(discriminatorSteps !== undefined ? { discriminatorSteps } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(validationSplit !== undefined ? { validationSplit } : {}),
    ...(adversarial ? { adversarial } : {}),
  };
}
