// Thumbnails of validation examples for evaluation.json: images as bytes (HWC, 0–255 per example), tabular rows as
// their feature values in the data's own units. Only the examples a view needs are encoded, to keep the file small.
import * as tf from '@tensorflow/tfjs';
import { unstandardise, type Dataset } from '../data';
import type { ExampleInput } from './report';

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Values scaled linearly so their minimum is 0 and maximum 255 (a constant image is mid-grey). */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const bytes = new Uint8Array(values.length);
  const range = max - min;
  for (let i = 0; i < values.length; i++) bytes[i] = range > 0 ? Math.round((((values[i] ?? 0) - min) / range) * 255) : 128;
  return bytes;
}

/** Encodes validation examples `indices` (deduplicated by the caller or not) keyed by index. */
export async function exampleInputs(dataset: Dataset, indices: readonly number[]): Promise<Record<string, ExampleInput>> {
  const unique = [...new Set(indices)].filter((i) => i >= 0 && i < dataset.validation.size);
  if (unique.length === 0) return {};
  const shape = dataset.inputShape;
  const perExample = shape.reduce((a, b) => a * b, 1);
  const picked = tf.tidy(() => tf.gather(dataset.validation.xs, tf.tensor1d(unique, 'int32')));
  let data: Float32Array;
  try {
    data = (await picked.data()) as Float32Array;
  } finally {
    picked.dispose();
  }
  const scaling = dataset.featureScaling;
  const names = scaling?.names ?? Array.from({ length: perExample }, (_, i) => `x${i + 1}`);
  const result: Record<string, ExampleInput> = {};
  unique.forEach((index, row) => {
    const values = data.subarray(row * perExample, (row + 1) * perExample);
    result[String(index)] = shape.length === 3
      ? { kind: 'image', shape: [...shape], pixels: toBase64(toBytes(values)) }
      : { kind: 'features', names, values: scaling ? unstandardise([...values], scaling) : [...values] };
  });
  return result;
}
