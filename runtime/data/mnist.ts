// The `mnist` source: 10,000 handwritten digits (28×28 grey, classes unevenly sized), from the packed file.
import { readMnistPack } from './mnistPack';
import { streamFor } from './random';
import type { RawExamples } from './raw';
import { stratifiedSubset } from './split';

export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** `samples` (optional) takes a stratified subset, handy for quick experiments. */
export async function loadMnist(assetsDir: string, samples: number | undefined, seed: number): Promise<RawExamples> {
  const pack = await readMnistPack(assetsDir);
  const pixelsPerDigit = pack.rows * pack.cols;
  const allLabels = Int32Array.from(pack.labels);
  const chosen = samples === undefined
    ? Int32Array.from({ length: pack.count }, (_, i) => i)
    : stratifiedSubset(allLabels, samples, streamFor(seed, 'subset'));
  // [n, rows, cols, 1], scaled to 0..1
  const features = new Float32Array(chosen.length * pixelsPerDigit);
  const labels = new Int32Array(chosen.length);
  chosen.forEach((index, row) => {
    labels[row] = allLabels[index] ?? 0;
    const from = index * pixelsPerDigit;
    for (let p = 0; p < pixelsPerDigit; p++) features[row * pixelsPerDigit + p] = (pack.pixels[from + p] ?? 0) / 255;
  });
  return {
    features,
    sampleShape: [pack.rows, pack.cols, 1],
    count: chosen.length,
    targets: { type: 'classes', labels, classNames: MNIST_CLASS_NAMES },
  };
}
