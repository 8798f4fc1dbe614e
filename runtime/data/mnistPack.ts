// Reader for the packed MNIST file written by scripts/pack-mnist.mjs (keep the two in step).
// Layout after gunzip, little-endian:
//   0  magic 'LLM1' (4 bytes ASCII)
//   4  count  uint32  number of digits
//   8  rows   uint32  (28)
//  12  cols   uint32  (28)
//  16  labels uint8[count]             digit 0..9
//  16+count pixels uint8[count×rows×cols] row-major, 0..255 (package value × 255, rounded)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DataError } from './errors';

export const MNIST_PACK_FILE = 'mnist.bin.gz';
export const MNIST_MAGIC = 'LLM1';
const HEADER_BYTES = 16;

export interface MnistPack {
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

export async function readMnistPack(assetsDir: string): Promise<MnistPack> {
  const file = join(assetsDir, MNIST_PACK_FILE);
  let compressed: Buffer;
  try {
    compressed = await readFile(file);
  } catch {
    throw new DataError(`The packed MNIST data is missing: ${file}. Run "npm run build" to create it.`, file);
  }
  let bytes: Buffer;
  try {
    bytes = await promisify(gunzip)(compressed);
  } catch {
    throw new DataError(`The packed MNIST data is corrupt (not gzip): ${file}. Run "npm run build" again.`, file);
  }
  return decodeMnistPack(bytes, file);
}

export function decodeMnistPack(bytes: Buffer, file: string): MnistPack {
  const corrupt = (why: string) =>
    new DataError(`The packed MNIST data is corrupt (${why}): ${file}. Run "npm run build" again.`, file);
  if (bytes.length < HEADER_BYTES || bytes.toString('ascii', 0, 4) !== MNIST_MAGIC) throw corrupt('bad header');
  const count = bytes.readUInt32LE(4);
  const rows = bytes.readUInt32LE(8);
  const cols = bytes.readUInt32LE(12);
  const expected = HEADER_BYTES + count + count * rows * cols;
  if (bytes.length !== expected) throw corrupt(`expected ${expected} bytes, found ${bytes.length}`);
  const labels = new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, count);
  const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + count, count * rows * cols);
  if (labels.some((label) => label > 9)) throw corrupt('label outside 0..9');
  return { count, rows, cols, labels, pixels };
}
