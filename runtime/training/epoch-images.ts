// Images a run saves at each epoch end for the lesson to be seen: a GAN's 16 fixed-noise samples, an autoencoder's
// 8 validation inputs with their reconstructions. Written as `images/epoch-<n>.json` in the run folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeJsonAtomic } from '../runs';
import type { PreparedRun } from './prepare';

/** `images/epoch-<n>.json`. Values are row-major `[count, ...shape]`, in the model's own scale (0..1 for MNIST). */
export interface EpochImages {
  readonly kind: 'gan' | 'reconstruction';
  readonly epoch: number;
  /** One image's shape, e.g. `[28, 28, 1]`. */
  readonly shape: readonly number[];
  /** gan: the generated images; reconstruction: the validation inputs. */
  readonly images: readonly number[];
  /** reconstruction only: the model's outputs for `images`, same layout. */
  readonly reconstructions?: readonly number[];
}

export const RECONSTRUCTION_EXAMPLES = 8;

export function epochImagesPath(runDir: string, epoch: number): string {
  return join(runDir, 'images', `epoch-${epoch}.json`);
}

export function writeEpochImages(runDir: string, images: EpochImages): void {
  mkdirSync(join(runDir, 'images'), { recursive: true });
  // Four decimals are plenty for display and keep the file small.
  const round = (values: readonly number[]) => values.map((v) => Math.round(v * 1e4) / 1e4);
  writeJsonAtomic(epochImagesPath(runDir, images.epoch), {
    ...images, images: round(images.images), ...(images.reconstructions ? { reconstructions: round(images.reconstructions) } : {}),
  });
}

/** The first 8 validation examples (training ones when there is no validation split) and their reconstructions. */
export async function reconstructionImages(prepared: PreparedRun, epoch: number): Promise<EpochImages> {
  const split = prepared.dataset.validation.size > 0 ? prepared.dataset.validation : prepared.dataset.train;
  const count = Math.min(RECONSTRUCTION_EXAMPLES, split.size);
  const [inputs, outputs] = tf.tidy(() => {
    const x = split.xs.slice(0, count);
    return [x, prepared.built.model.predict(x) as tf.Tensor];
  });
  try {
    return {
      kind: 'reconstruction', epoch, shape: [...prepared.spec.input],
      images: Array.from(await inputs.data()), reconstructions: Array.from(await outputs.data()),
    };
  } finally {
    tf.dispose([inputs, outputs]);
  }
}
