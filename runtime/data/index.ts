// Entry point of the training-data layer: loadDataset(spec, ctx) → Dataset (tensors owned by the caller).
import { resolve } from 'node:path';
import { assembleDataset } from './assemble';
import { keepClasses, rotationPretext } from './class-subset';
import { loadCsv } from './csvSource';
import { DataError } from './errors';
import { imageDimsFor } from './imageShape';
import { loadImageFolder } from './images';
import { loadMnist } from './mnist';
import { streamFor } from './random';
import type { RawExamples } from './raw';
import { checkValidationSplit } from './split';
import { SHAPES_DEFAULTS, shapes } from './shapes';
import { heightWeight, spirals, SYNTHETIC_DEFAULTS, xor } from './synthetic';
import type { DataSource, DataSpec, Dataset, LoadContext, Task } from './types';

export type { DataSource, DataSpec, Dataset, DataSplit, LoadContext, Standardisation, Task } from './types';
export { DataError } from './errors';
export { standardise, unstandardise } from './standardise';
export { MNIST_PACK_FILE } from './mnistPack';
export { parseCsv, type CsvRecord } from './csvParse';
export { readImageFile } from './images';
export { imageDimsFor, type ImageDims } from './imageShape';

export const DEFAULT_VALIDATION_SPLIT = 0.1;

/** Which tasks each source can feed. */
export const SOURCE_TASKS: Record<DataSource, readonly Task[]> = {
  mnist: ['classification'],
  'height-weight': ['regression'],
  xor: ['classification'],
  spirals: ['classification'],
  shapes: ['segmentation', 'classification'],
  csv: ['classification', 'regression'],
  images: ['classification'],
};

export async function loadDataset(spec: DataSpec, ctx: LoadContext): Promise<Dataset> {
  const tasks = SOURCE_TASKS[spec.source] as readonly Task[] | undefined;
  if (!tasks) throw new DataError(`Unknown data source '${String(spec.source)}'.`);
  if (!tasks.includes(ctx.task)) {
    throw new DataError(`The ${spec.source} data suits ${tasks.join(' or ')}, but the model's task is ${ctx.task}.`);
  }
  const validationSplit = spec.validationSplit ?? DEFAULT_VALIDATION_SPLIT;
  checkValidationSplit(validationSplit);
  checkOptionalCount('samples', spec.samples);
  if (spec.noise !== undefined && !(Number.isFinite(spec.noise) && spec.noise >= 0)) {
    throw new DataError(`noise must be a number ≥ 0, got ${spec.noise}.`);
  }
  const seed = spec.seed ?? ctx.seed;
  let raw = await loadRaw(spec, ctx, seed);
  if (spec.keepClasses) raw = keepClasses(raw, spec.keepClasses);
  if (spec.pretext === 'rotation') raw = rotationPretext(raw, streamFor(seed, 'pretext-rotation'));
  checkOptionalCount('samplesPerClass', spec.samplesPerClass);
  return assembleDataset(raw, {
    source: spec.source,
    task: ctx.task,
    inputShape: ctx.inputShape,
    validationSplit,
    shuffleLabels: spec.shuffleLabels ?? false,
    seed,
    ...(spec.samplesPerClass !== undefined ? { samplesPerClass: spec.samplesPerClass } : {}),
  });
}

async function loadRaw(spec: DataSpec, ctx: LoadContext, seed: number): Promise<RawExamples> {
  const random = streamFor(seed, 'generate');
  switch (spec.source) {
    case 'mnist':
      return loadMnist(ctx.assetsDir, spec.samples, seed);
    case 'height-weight':
    case 'xor': {
      const defaults = SYNTHETIC_DEFAULTS[spec.source];
      const options = { samples: spec.samples ?? defaults.samples, noise: spec.noise ?? defaults.noise, random };
      return spec.source === 'xor' ? xor(options) : heightWeight(options);
    }
    case 'spirals': {
      const defaults = SYNTHETIC_DEFAULTS.spirals;
      const options = { samples: spec.samples ?? defaults.samples, noise: spec.noise ?? defaults.noise, random };
      return spirals(options, spec.classes ?? 2);
    }
    case 'shapes':
      return shapes(imageDimsFor('shapes', ctx.inputShape, spec.imageSize), {
        samples: spec.samples ?? SHAPES_DEFAULTS.samples,
        noise: spec.noise ?? SHAPES_DEFAULTS.noise,
        random,
        forSegmentation: ctx.task === 'segmentation',
      });
    case 'csv':
      return loadCsv({
        file: resolvePath(spec, ctx),
        labelColumn: spec.labelColumn,
        featureColumns: spec.featureColumns,
        task: ctx.task,
      });
    case 'images':
      return loadImageFolder(resolvePath(spec, ctx), imageDimsFor('images', ctx.inputShape, spec.imageSize));
    default: {
      const unreachable: never = spec.source;
      return unreachable;
    }
  }
}

function resolvePath(spec: DataSpec, ctx: LoadContext): string {
  if (!spec.path) throw new DataError(`The ${spec.source} data source needs a 'path' (relative to the model file).`);
  return resolve(ctx.baseDir, spec.path);
}

function checkOptionalCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new DataError(`${name} must be a whole number ≥ 1, got ${value}.`);
  }
}
