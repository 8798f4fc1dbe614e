// The `images` source: path/<class>/*.png|jpg|jpeg, decoded in pure JS (pngjs, jpeg-js).
// Every image must already have the model's height×width (never resized); colour is converted to
// the model's channel count: 1 → luminance, 3 → RGB, 4 → RGBA. Alpha is otherwise ignored.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { MAX_IMAGE_PIXELS, readImageSize, type ImageSize } from './image-header';
import { DataError } from './errors';
import type { ImageDims } from './imageShape';
import type { RawExamples } from './raw';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const naturalOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  rgba: Uint8Array;
}

export async function loadImageFolder(folder: string, dims: ImageDims): Promise<RawExamples> {
  const classNames = await listClassFolders(folder);
  const files: { file: string; label: number }[] = [];
  for (const [label, className] of classNames.entries()) {
    const classFolder = join(folder, className);
    const names = (await readdir(classFolder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name)
      .sort(naturalOrder);
    if (names.length === 0) {
      throw new DataError(`The class folder ${classFolder} holds no .png, .jpg or .jpeg images.`, classFolder);
    }
    for (const name of names) files.push({ file: join(classFolder, name), label });
  }

  const valuesPerImage = dims.height * dims.width * dims.channels;
  const features = new Float32Array(files.length * valuesPerImage); // [n, h, w, c], 0..1
  const labels = new Int32Array(files.length);
  for (const [index, { file, label }] of files.entries()) {
    features.set(await readImageFile(file, dims), index * valuesPerImage);
    labels[index] = label;
  }
  return {
    features,
    sampleShape: [dims.height, dims.width, dims.channels],
    count: files.length,
    targets: { type: 'classes', labels, classNames },
  };
}

/**
 * One PNG/JPEG as the model sees it: `[height, width, channels]` floats in 0..1, row-major HWC. Throws a DataError
 * when the file cannot be decoded or its size differs from `dims` (images are never resized). The `images` source
 * reads every training image through this, and analyses read user-picked images through it, so both agree.
 */
export async function readImageFile(file: string, dims: ImageDims): Promise<Float32Array> {
  const bytes = await readFile(file);
  // The header says the size: a wrong-sized (or bomb-sized) image is refused before a single pixel is decoded.
  const header = readImageSize(bytes);
  if (header) checkSize(file, header, dims);
  const image = decodeImage(file, bytes);
  checkSize(file, image, dims);
  const pixels = new Float32Array(dims.height * dims.width * dims.channels);
  writePixels(image, dims.channels, pixels);
  return pixels;
}

async function listClassFolders(folder: string): Promise<string[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch {
    throw new DataError(`The image folder ${folder} does not exist.`, folder);
  }
  if (!isFolder) throw new DataError(`${folder} is a file; the images source needs a folder with one sub-folder per class.`, folder);
  const classNames = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(naturalOrder);
  if (classNames.length < 2) {
    throw new DataError(
      `The image folder ${folder} needs one sub-folder per class (at least 2); found ${classNames.length}.`,
      folder,
    );
  }
  return classNames;
}

function checkSize(file: string, image: ImageSize, dims: ImageDims): void {
  if (image.width === dims.width && image.height === dims.height) return;
  const tooLarge = image.width * image.height > MAX_IMAGE_PIXELS ? ' (and more pixels than LayerLens decodes)' : '';
  throw new DataError(
    `${file} is ${image.width}×${image.height} pixels (width×height)${tooLarge}, but the model's input needs ` +
      `${dims.width}×${dims.height}; images are never resized.`,
    file,
  );
}

function decodeImage(file: string, bytes: Buffer): DecodedImage {
  try {
    if (extname(file).toLowerCase() === '.png') {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, rgba: png.data };
    }
    const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    return { width: jpeg.width, height: jpeg.height, rgba: jpeg.data };
  } catch (error) {
    throw new DataError(`${file} could not be decoded: ${(error as Error).message}`, file);
  }
}

/** RGBA bytes → `channels` floats per pixel in 0..1. Grey uses ITU-R BT.601 luma weights. */
function writePixels(image: DecodedImage, channels: 1 | 3 | 4, out: Float32Array): void {
  const pixels = image.width * image.height;
  for (let p = 0; p < pixels; p++) {
    const r = image.rgba[4 * p] ?? 0;
    const g = image.rgba[4 * p + 1] ?? 0;
    const b = image.rgba[4 * p + 2] ?? 0;
    if (channels === 1) {
      out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    } else {
      out[p * channels] = r / 255;
      out[p * channels + 1] = g / 255;
      out[p * channels + 2] = b / 255;
      if (channels === 4) out[p * channels + 3] = (image.rgba[4 * p + 3] ?? 255) / 255;
    }
  }
}
