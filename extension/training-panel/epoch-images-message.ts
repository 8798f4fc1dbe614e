// What the Training panel's "Epoch images" section shows of a run: the epochs with saved images and one epoch's
// images (the newest unless asked), read from `images/epoch-<n>.json` through the mtime-cached RunFolders.
import type { EpochImages } from '../../runtime/runs';
import type { RunFolders } from '../runs/run-folders';
import type { EpochImagesView, TrainingToView } from '../../webviews/training/protocol';

export type EpochImagesMessage = Extract<TrainingToView, { type: 'epochImages' }>;

/** Undefined when the run saved no images (tasks other than gan and reconstruction). */
export async function epochImagesMessage(folders: RunFolders, runId: string, runDir: string, epoch?: number): Promise<EpochImagesMessage | undefined> {
  const epochs = await folders.epochImageEpochs(runDir);
  const wanted = epoch ?? epochs[epochs.length - 1];
  if (wanted === undefined) return undefined;
  const file = await folders.epochImages(runDir, wanted);
  return { type: 'epochImages', runId, epochs, ...(file ? { images: epochImagesView(file) } : {}) };
}

/** The file's values as Float32Arrays (structured clone, no JSON on the way to the page). */
export function epochImagesView(file: EpochImages): EpochImagesView {
  return {
    kind: file.kind, epoch: file.epoch, shape: [...file.shape], images: Float32Array.from(file.images),
    ...(file.reconstructions ? { reconstructions: Float32Array.from(file.reconstructions) } : {}),
  };
}
