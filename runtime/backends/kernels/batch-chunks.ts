// Batch chunking for the im2col/col2im kernels: their column matrices hold fh·fw·cIn floats per output pixel, which
// for a large input would not fit in memory at once, so images are taken a chunk at a time.
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';
import { float32View, type WasmHeap } from './backend-memory';

/** A column matrix's largest chunk by default: 4M floats (16 MB). */
export const DEFAULT_MAX_COLUMN_FLOATS = 4 * 1024 * 1024;

/** Images per chunk so that a chunk's column matrix (`columnFloatsPerImage` each) stays within `maxColumnFloats`. */
export function imagesPerChunk(batchSize: number, columnFloatsPerImage: number, maxColumnFloats: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(maxColumnFloats / Math.max(1, columnFloatsPerImage))));
}

/**
 * Images [first, first + count) of `images` (NHWC, [n, h, w, c]) as a new [1, count·h·w, c] tensor: one copy of a
 * contiguous block. Appended to `intermediates`.
 */
export function imageRows(backend: KernelBackend & WasmHeap, images: TensorInfo, first: number, count: number,
  intermediates: TensorInfo[]): TensorInfo {
  const [, height = 0, width = 0, channels = 0] = images.shape;
  const imageFloats = height * width * channels;
  const chunk = backend.makeOutput([1, count * height * width, channels], 'float32');
  intermediates.push(chunk);
  float32View(backend, chunk).set(float32View(backend, images).subarray(first * imageFloats, (first + count) * imageFloats));
  return chunk;
}
