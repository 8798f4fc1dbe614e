// `images/epoch-<n>.json` in a run folder: what the runtime saves at each epoch end so the lesson can be seen (a GAN's
// fixed-noise grid, an autoencoder's inputs and reconstructions). Pure Node (no TensorFlow.js): the runtime writes it
// (runtime/training/epoch-images.ts), the extension host lists and reads it for the Training panel.
import { join } from 'node:path';

/** `images/epoch-<n>.json`. Values are row-major `[count, ...shape]`, in the model's own scale (0..1 for MNIST). */
export interface EpochImages {
  readonly kind: 'gan' | 'reconstruction';
  readonly epoch: number;
  /** One image's shape, e.g. `[28, 28, 1]` (HWC; a model on flat vectors gives `[n]`). */
  readonly shape: readonly number[];
  /** gan: the generated images; reconstruction: the validation inputs. */
  readonly images: readonly number[];
  /** reconstruction only: the model's outputs for `images`, same layout. */
  readonly reconstructions?: readonly number[];
}

export const EPOCH_IMAGES_FOLDER = 'images';

export function epochImagesPath(runDir: string, epoch: number): string {
  return join(runDir, EPOCH_IMAGES_FOLDER, `epoch-${epoch}.json`);
}

/** Epochs of the `epoch-<n>.json` files among `names` (the images folder's entries), ascending. */
export function epochImageEpochs(names: readonly string[]): number[] {
  return names
    .map((name) => /^epoch-(\d+)\.json$/.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Checks an epoch-images file: a known kind, an image shape of 1 to 3 positive integers (`[width]`, `[height, width]`
 * or HWC), a whole number of finite images, reconstructions (reconstruction only) of the same length. Throws an Error
 * naming `path` and what is wrong.
 */
export function parseEpochImages(text: string, path = 'epoch images'): EpochImages {
  const fail = (what: string): never => { throw new Error(`${path}: ${what}`); };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  if (kind !== 'gan' && kind !== 'reconstruction') return fail(`kind ${JSON.stringify(kind)} is neither gan nor reconstruction`);
  const epoch = record['epoch'];
  if (!Number.isInteger(epoch) || (epoch as number) < 1) return fail('epoch is not a positive integer');
  const shape = record['shape'];
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 3 || !shape.every((d) => Number.isInteger(d) && (d as number) > 0)) {
    return fail('shape is not [width], [height, width] or [height, width, channels] of positive integers');
  }
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  const numbers = (key: string): number[] => {
    const values = record[key];
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) return fail(`${key} is not an array of finite numbers`);
    if (values.length === 0 || values.length % size !== 0) return fail(`${key} holds ${values.length} values, not a whole number of ${size}-value images`);
    return values as number[];
  };
  const images = numbers('images');
  if (kind === 'gan') return { kind, epoch: epoch as number, shape: shape as number[], images };
  const reconstructions = numbers('reconstructions');
  if (reconstructions.length !== images.length) return fail(`reconstructions hold ${reconstructions.length} values, images ${images.length}`);
  return { kind, epoch: epoch as number, shape: shape as number[], images, reconstructions };
}
