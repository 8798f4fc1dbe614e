// Images a run saves at each epoch end for the lesson to be seen: a GAN's 16 fixed-noise samples, an autoencoder's
// 8 validation inputs with their reconstructions. Written as `images/epoch-<n>.json` in the run folder (the file's
// contract is runtime/runs/epoch-images-file.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeJsonAtomic } from '../runs';
import { EPOCH_IMAGES_FOLDER, epochImagesPath, type EpochImages } from '../runs/epoch-images-file';
import type { PreparedRun } from './prepare';

export { epochImagesPath, type EpochImages };

export const RECONSTRUCTION_EXAMPLES = 8;

export function writeEpochImages(runDir: string, images: EpochImages): void {
  mkdirSync(join(runDir, EPOCH_IMAGES_FOLDER), { recursive: true });
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
