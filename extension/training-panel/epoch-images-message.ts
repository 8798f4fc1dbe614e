// What the Training panel's "Epoch images" section shows of a run: the epochs with saved images and one epoch's
// images (the newest unless asked), read from `images/epoch-<n>.json` through the mtime-cached RunFolders.
import type { EpochImages } from '../../runtime/runs';
import type { RunFolders } from '../runs/run-folders';
import type { EpochImagesView, TrainingToView } from '../../webviews/training/protocol';
import { cachedSpec } from './spec-cache';

/** How long an ended epoch's images may land after its row (an autoencoder writes them after the row). */
const IMAGES_WAIT_MS = 5000;
const IMAGES_POLL_MS = 250;

export type EpochImagesMessage = Extract<TrainingToView, { type: 'epochImages' }>;

/** Undefined when the run saved no images (tasks other than gan and reconstruction). */
export async function epochImagesMessage(folders: RunFolders, runId: string, runDir: string, epoch?: number): Promise<EpochImagesMessage | undefined> {
  const epochs = await folders.epochImageEpochs(runDir);
  const wanted = epoch ?? epochs[epochs.length - 1];
  if (wanted === undefined) return undefined;
  const file = await folders.epochImages(runDir, wanted);
  return { type: 'epochImages', runId, epochs, ...(file ? { images: epochImagesView(file) } : {}) };
}

/**
 * Waits until `images/epoch-<epoch>.json` of a run exists: true once it does, false at once for a run whose task saves
 * no images, false after a few seconds otherwise. An autoencoder's epoch row reaches the extension before the runtime
 * has written that epoch's images; a GAN's after.
 */
export async function epochImagesReady(folders: RunFolders, runDir: string, modelFile: string, epoch: number,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<boolean> {
  const task = cachedSpec(await folders.spec(runDir) ?? '', modelFile)?.task;
  if (task !== 'gan' && task !== 'reconstruction') return false;
  for (let waited = 0; ; waited += IMAGES_POLL_MS) {
    if ((await folders.epochImageEpochs(runDir)).includes(epoch)) return true;
    if (waited >= IMAGES_WAIT_MS) return false;
    await wait(IMAGES_POLL_MS);
  }
}

/** The file's values as Float32Arrays (structured clone, no JSON on the way to the page). */
export function epochImagesView(file: EpochImages): EpochImagesView {
  return {
    kind: file.kind, epoch: file.epoch, shape: [...file.shape], images: Float32Array.from(file.images),
    ...(file.reconstructions ? { reconstructions: Float32Array.from(file.reconstructions) } : {}),
  };
}
