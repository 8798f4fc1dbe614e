// The transfer-learning and self-supervision options of the data section: keep some classes (re-indexed), cap the
// training examples per class, and the rotation pretext task. All work on RawExamples before tensors exist.
import { DataError } from './errors';
import { randomInt, type Random } from './random';
import { gatherRows, type RawExamples } from './raw';

/** Keeps the examples of `classes` (indices into the source's class names); class `classes[i]` becomes class i. */
export function keepClasses(raw: RawExamples, classes: readonly number[]): RawExamples {
  const { targets } = raw;
  if (targets.type !== 'classes') throw new DataError(`data.classes needs a source with class labels; this one has ${targets.type}.`);
  const names = targets.classNames;
  const beyond = classes.find((c) => c >= names.length);
  if (beyond !== undefined) {
    throw new DataError(`data.classes names class ${beyond}, but the data has ${names.length} classes (0–${names.length - 1}).`);
  }
  const newIndex = new Map(classes.map((c, i) => [c, i]));
  const rows: number[] = [];
  targets.labels.forEach((label, row) => { if (newIndex.has(label)) rows.push(row); });
  const order = Int32Array.from(rows);
  const sampleSize = raw.sampleShape.reduce((a, b) => a * b, 1);
  const labels = Int32Array.from(rows, (row) => newIndex.get(targets.labels[row] ?? -1) ?? 0);
  const kept: RawExamples = {
    features: gatherRows(raw.features, sampleSize, order),
    sampleShape: raw.sampleShape,
    count: rows.length,
    targets: { type: 'classes', labels, classNames: classes.map((c) => names[c] ?? String(c)) },
  };
  if (raw.standardiseFeatures) kept.standardiseFeatures = raw.standardiseFeatures;
  return kept;
}

/** The first `perClass` entries of each class in `indices` (already shuffled, so a random subset), order kept. */
export function capPerClass(indices: Int32Array, labels: Int32Array, perClass: number): Int32Array {
  const taken = new Map<number, number>();
  return indices.filter((index) => {
    const label = labels[index] ?? 0;
    const count = taken.get(label) ?? 0;
    taken.set(label, count + 1);
    return count < perClass;
  });
}

export const ROTATION_CLASS_NAMES = ['0°', '90°', '180°', '270°'];

/**
 * The rotation pretext task (Gidaris et al. 2018): each square image is rotated counter-clockwise by k·90°, k drawn
 * per example, and its label becomes k. The original labels are dropped.
 */
export function rotationPretext(raw: RawExamples, random: Random): RawExamples {
  const [h, w, c] = raw.sampleShape;
  if (raw.sampleShape.length !== 3 || h === undefined || w === undefined || c === undefined || h !== w) {
    throw new DataError(`data.pretext: rotation needs square images [n, n, channels]; this data gives [${raw.sampleShape.join(', ')}].`);
  }
  const size = h * w * c;
  const features = new Float32Array(raw.features.length);
  const labels = new Int32Array(raw.count);
  for (let example = 0; example < raw.count; example++) {
    const k = randomInt(random, 4);
    labels[example] = k;
    const from = raw.features.subarray(example * size, (example + 1) * size);
    rotateInto(from, features.subarray(example * size, (example + 1) * size), h, c, k);
  }
  return { features, sampleShape: raw.sampleShape, count: raw.count, targets: { type: 'classes', labels, classNames: ROTATION_CLASS_NAMES } };
}

/** Counter-clockwise rotation by k·90° of an n×n×c image (numpy's rot90): out[i][j] = in at the rotated position. */
export function rotateInto(source: Float32Array, target: Float32Array, n: number, channels: number, k: number): void {
  const last = n - 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [si, sj] = k === 0 ? [i, j] : k === 1 ? [j, last - i] : k === 2 ? [last - i, last - j] : [last - j, i];
      for (let ch = 0; ch < channels; ch++) target[(i * n + j) * channels + ch] = source[(si * n + sj) * channels + ch] ?? 0;
    }
  }
}
