// "Did you mean" suggestions: case-insensitive, ignoring `_`/`-`, Keras class-name aliases, then edit distance.

/** Keras/TF.js spellings (normalized) that map to a name of this format. */
const ALIASES: Readonly<Record<string, string>> = {
  maxpooling2d: 'maxPool2d',
  averagepooling2d: 'avgPool2d',
  avgpooling2d: 'avgPool2d',
  averagepool2d: 'avgPool2d',
  globalaveragepool2d: 'globalAveragePooling2d',
  globalavgpool2d: 'globalAveragePooling2d',
  globalavgpooling2d: 'globalAveragePooling2d',
  globalmaxpool2d: 'globalMaxPooling2d',
  batchnorm: 'batchNormalization',
  bn: 'batchNormalization',
  deconv2d: 'conv2dTranspose',
  convolution2d: 'conv2d',
  conv: 'conv2d',
  fc: 'dense',
  linear: 'dense',
  concat: 'concatenate',
  mul: 'multiply',
  upsample2d: 'upSampling2d',
  leakyrelu: 'leakyRelu',
  lr: 'learningRate',
  batch: 'batchSize',
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  acc: 'accuracy',
  kernelsize: 'kernel',
  strides: 'stride',
  poolsize: 'pool',
  dilationrate: 'dilation',
  usebias: 'useBias',
};

const MAX_COMPARED_LENGTH = 64;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance with a two-row table. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `input`, or undefined when nothing is close enough. */
export function suggestName(input: string, candidates: readonly string[]): string | undefined {
  if (input.length === 0 || input.length > MAX_COMPARED_LENGTH) return undefined;
  const wanted = normalize(input);
  const exact = candidates.find((c) => normalize(c) === wanted);
  if (exact !== undefined) return exact;
  const alias = ALIASES[wanted];
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean 'x'?` or an empty string. */
export function didYouMean(input: string, candidates: readonly string[]): { suffix: string; suggestion?: string } {
  const suggestion = suggestName(input, candidates);
  return suggestion === undefined ? { suffix: '' } : { suffix: `; did you mean '${suggestion}'?`, suggestion };
}
