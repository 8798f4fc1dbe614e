// Turns a source's RawExamples into a Dataset: checks the shape against the model input,
// splits (stratified), standardises tabular data, optionally permutes training targets,
// and creates each tensor exactly once. The caller owns the tensors via dataset.dispose().
import * as tf from '@tensorflow/tfjs';
import { capPerClass } from './class-subset';
import { DataError } from './errors';
import { permutation, streamFor } from './random';
import { gatherRows, targetWidth, type RawExamples } from './raw';
import { stratifiedSplit, type SplitIndices } from './split';
import { applyStandardisation, columnStatistics } from './standardise';
import type { DataSource, Dataset, DataSplit, Standardisation, Task } from './types';

export interface AssembleOptions {
  source: DataSource;
  task: Task;
  inputShape: number[];
  validationSplit: number;
  shuffleLabels: boolean;
  seed: number;
  /** Caps the training examples of each class (after the split, so validation keeps its size). */
  samplesPerClass?: number;
}

/** Targets of one split, before tensor creation. */
interface SplitArrays {
  ys: Float32Array;
  /** Shape of one target row, e.g. [classes], [k] or [h, w, 1]. */
  yShape: number[];
  size: number;
  counts: number[];
}

export function assembleDataset(raw: RawExamples, options: AssembleOptions): Dataset {
  const sampleSize = checkInputShape(raw.sampleShape, options);
  if (raw.count === 0) throw new DataError(`The ${options.source} data has no examples.`);
  const strata = raw.targets.type === 'classes' ? raw.targets.labels : (raw.strata ?? new Int32Array(raw.count));
  const fullSplit = stratifiedSplit(strata, options.validationSplit, streamFor(options.seed, 'split'));
  const split = options.samplesPerClass === undefined ? fullSplit
    : { ...fullSplit, train: capPerClass(fullSplit.train, strata, options.samplesPerClass) };

  const trainXs = gatherRows(raw.features, sampleSize, split.train);
  const validationXs = gatherRows(raw.features, sampleSize, split.validation);
  let featureScaling: Standardisation | undefined;
  if (raw.standardiseFeatures) {
    const { names, units } = raw.standardiseFeatures;
    featureScaling = columnStatistics(trainXs, sampleSize, names, units);
    applyStandardisation(trainXs, featureScaling);
    applyStandardisation(validationXs, featureScaling);
  }

  const targets = buildTargets(raw, split, options);
  const train = createSplit(trainXs, targets.train, options.inputShape);
  let validation: DataSplit;
  try {
    validation = createSplit(validationXs, targets.validation, options.inputShape);
  } catch (error) {
    tf.dispose([train.xs, train.ys]);
    throw error;
  }
  let disposed = false;
  const dataset: Dataset = {
    source: options.source,
    task: options.task,
    inputShape: [...options.inputShape],
    train,
    validation,
    classNames: targets.classNames,
    classCounts: { train: targets.train.counts, validation: targets.validation.counts },
    labelsShuffled: options.shuffleLabels,
    seed: options.seed,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      tf.dispose([train.xs, train.ys, validation.xs, validation.ys]);
    },
  };
  if (featureScaling) dataset.featureScaling = featureScaling;
  if (targets.targetScaling) dataset.targetScaling = targets.targetScaling;
  return dataset;
}

/** Returns the number of values per example; errors when the data cannot feed the model's input. */
function checkInputShape(sampleShape: number[], options: AssembleOptions): number {
  const { inputShape, source } = options;
  if (inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new DataError(`The model's input shape [${inputShape.join(', ')}] must list positive whole sizes.`);
  }
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  if (sampleSize !== inputSize) {
    throw new DataError(
      `The ${source} data gives examples of shape [${sampleShape.join(', ')}] (${sampleSize} values), ` +
        `but the model's input shape is [${inputShape.join(', ')}] (${inputSize} values).`,
    );
  }
  return sampleSize;
}

interface BuiltTargets {
  train: SplitArrays;
  validation: SplitArrays;
  classNames: string[];
  targetScaling?: Standardisation;
}

function buildTargets(raw: RawExamples, split: SplitIndices, options: AssembleOptions): BuiltTargets {
  const { targets } = raw;
  // The memorisation experiment: training example i gets the target of training example order[i].
  const trainOrder = options.shuffleLabels
    ? permutation(split.train.length, streamFor(options.seed, 'shuffle-labels')).map((i) => split.train[i] ?? 0)
    : split.train;
  const width = targetWidth(targets);
  switch (targets.type) {
    case 'classes': {
      const classes = targets.classNames.length;
      const encode = (order: Int32Array): SplitArrays => {
        const ys = new Float32Array(order.length * classes);
        const counts = new Array<number>(classes).fill(0);
        order.forEach((index, row) => {
          const label = targets.labels[index] ?? 0;
          ys[row * classes + label] = 1;
          counts[label] = (counts[label] ?? 0) + 1;
        });
        return { ys, yShape: [classes], size: order.length, counts };
      };
      return { train: encode(trainOrder), validation: encode(split.validation), classNames: targets.classNames };
    }
    case 'values': {
      const trainYs = gatherRows(targets.values, width, trainOrder);
      const validationYs = gatherRows(targets.values, width, split.validation);
      const built: BuiltTargets = {
        train: { ys: trainYs, yShape: [width], size: trainOrder.length, counts: [] },
        validation: { ys: validationYs, yShape: [width], size: split.validation.length, counts: [] },
        classNames: [],
      };
      if (targets.standardise) {
        built.targetScaling = columnStatistics(trainYs, width, targets.names, targets.units);
        applyStandardisation(trainYs, built.targetScaling);
        applyStandardisation(validationYs, built.targetScaling);
      }
      return built;
    }
    case 'masks': {
      const masks = (order: Int32Array): SplitArrays => {
        const ys = gatherRows(targets.masks, width, order);
        const foreground = ys.reduce((sum, value) => sum + (value > 0.5 ? 1 : 0), 0);
        return { ys, yShape: [...targets.maskShape], size: order.length,
          counts: [ys.length - foreground, foreground] };
      };
      return { train: masks(trainOrder), validation: masks(split.validation), classNames: [...targets.classNames] };
    }
    default: {
      const unreachable: never = targets;
      return unreachable;
    }
  }
}

function createSplit(xs: Float32Array, targets: SplitArrays, inputShape: number[]): DataSplit {
  const xsTensor = tf.tensor(xs, [targets.size, ...inputShape], 'float32');
  try {
    const ysTensor = tf.tensor(targets.ys, [targets.size, ...targets.yShape], 'float32');
    return { xs: xsTensor, ys: ysTensor, size: targets.size };
  } catch (error) {
    xsTensor.dispose();
    throw error;
  }
}
