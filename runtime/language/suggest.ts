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
/**
 * Edit-distance comparisons one check may make in all. Exact (normalized) and alias matches are index lookups and
 * always run; the costly nearest-name scan stops when this is spent, so thousands of unknown names in a hostile file
 * cost linear time instead of names × candidates (issue 11: a 154 KB file took 11 s).
 */
const COMPARISONS_PER_CHECK = 5_000;
let comparisonsLeft = COMPARISONS_PER_CHECK;

/** Called at the start of each check (checks are synchronous, so one counter per thread is enough). */
export function resetSuggestionBudget(): void {
  comparisonsLeft = COMPARISONS_PER_CHECK;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance with a two-row table; stops early (returning `limit`) once it must reach `limit` or more. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const cell = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(cell);
      rowMinimum = Math.min(rowMinimum, cell);
    }
    if (rowMinimum >= limit) return limit;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Candidates indexed by normalized spelling: exact and alias matches in O(1), nearest by edit distance on budget. */
export class NameIndex {
  private readonly byNormal = new Map<string, string>();
  private readonly normals: { readonly name: string; readonly normal: string }[] = [];

  constructor(candidates: Iterable<string>) {
    for (const name of candidates) {
      const normal = normalize(name);
      if (this.byNormal.has(normal)) continue;
      this.byNormal.set(normal, name);
      this.normals.push({ name, normal });
    }
  }

  /** The candidate closest to `input`, or undefined when nothing is close enough (or the budget is spent). */
  suggest(input: string): string | undefined {
    if (input.length === 0 || input.length > MAX_COMPARED_LENGTH) return undefined;
    const wanted = normalize(input);
    const exact = this.byNormal.get(wanted);
    if (exact !== undefined) return exact;
    const alias = ALIASES[wanted];
    if (alias !== undefined && this.byNormal.get(normalize(alias)) === alias) return alias;
    if (comparisonsLeft < this.normals.length) return undefined;
    comparisonsLeft -= this.normals.length;
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
    for (const candidate of this.normals) {
      const distance = editDistance(wanted, candidate.normal, bestDistance);
      if (distance < bestDistance) {
        best = candidate.name;
        bestDistance = distance;
      }
    }
    return best;
  }
}

/** The candidate closest to `input`, or undefined when nothing is close enough. */
export function suggestName(input: string, candidates: readonly string[] | NameIndex): string | undefined {
  return (candidates instanceof NameIndex ? candidates : new NameIndex(candidates)).suggest(input);
}

/** `; did you mean 'x'?` or an empty string. */
export function didYouMean(input: string, candidates: readonly string[] | NameIndex): { suffix: string; suggestion?: string } {
  const suggestion = suggestName(input, candidates);
  return suggestion === undefined ? { suffix: '' } : { suffix: `; did you mean '${suggestion}'?`, suggestion };
}
