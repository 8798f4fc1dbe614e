// Reads an image model input shape ([h, w, c] or [h, w]) and checks it against spec.imageSize.
import { DataError } from './errors';

export interface ImageDims {
  height: number;
  width: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: 1 | 3 | 4;
}

export function imageDimsFor(
  source: string,
  inputShape: number[],
  imageSize: number | [number, number] | undefined,
): ImageDims {
  const [height, width, channels = 1] = inputShape;
  if ((inputShape.length !== 2 && inputShape.length !== 3) || height === undefined || width === undefined) {
    throw new DataError(
      `The ${source} data holds images, so the model's input shape must be [height, width, channels] ` +
        `or [height, width]; it is [${inputShape.join(', ')}].`,
    );
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new DataError(`Images need 1 (grey), 3 (RGB) or 4 (RGBA) channels; the model's input has ${channels}.`);
  }
  if (imageSize !== undefined) {
    const [wantHeight, wantWidth] = typeof imageSize === 'number' ? [imageSize, imageSize] : imageSize;
    if (wantHeight !== height || wantWidth !== width) {
      throw new DataError(
        `imageSize ${wantHeight}×${wantWidth} disagrees with the model's input shape [${inputShape.join(', ')}] ` +
          `(${height}×${width}); images are never resized.`,
      );
    }
  }
  return { height, width, channels };
}
