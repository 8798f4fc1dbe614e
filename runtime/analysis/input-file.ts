// An input file for the command line: JSON `{ "shape": [...], "data": [...] }` used as-is, or a PNG/JPEG converted
// exactly as the `images` data source converts training images (0..1; grey by BT.601 luma, RGB, or RGBA).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { imageDimsFor, readImageFile } from '../data';
import type { TensorData } from '../protocol';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** `inputShape`: the model's input; images must already have its height and width (never resized). */
export async function readInputFile(file: string, inputShape: readonly number[]): Promise<TensorData> {
  if (IMAGE_EXTENSIONS.has(extname(file).toLowerCase())) {
    const dims = imageDimsFor('image input', [...inputShape], undefined);
    return { shape: [...inputShape], data: await readImageFile(file, dims) };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read input file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is neither a PNG/JPEG image nor JSON {"shape": [...], "data": [...]}`);
  }
  return tensorDataOf(value, file);
}

function tensorDataOf(value: unknown, file: string): TensorData {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { shape, data } = record;
  const isNumbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!isNumbers(shape) || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`${file}: "shape" must be a list of positive whole numbers`);
  }
  if (!isNumbers(data)) throw new Error(`${file}: "data" must be a flat list of finite numbers (row-major)`);
  return { shape, data: Float32Array.from(data) };
}
