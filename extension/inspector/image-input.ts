// An image file as the Inspector's input, converted exactly as the run's `images` data source converts training
// images (0..1; grey by BT.601 luma, RGB or RGBA; never resized). Pure JS decoders, no TensorFlow.js in the host.
import { readImageFile } from '../../runtime/data/images';
import { imageDimsFor } from '../../runtime/data/imageShape';
import type { TensorData } from '../../runtime/protocol';

/** Throws a one-line error when the model does not take images or the image has another size. */
export async function readImageInput(file: string, inputShape: readonly number[]): Promise<TensorData> {
  const dims = imageDimsFor('image input', [...inputShape], undefined);
  return { shape: [...inputShape], data: await readImageFile(file, dims) };
}
