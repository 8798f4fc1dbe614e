// Classification scores from true and predicted class indices and the predicted probabilities. Pure functions (no
// TensorFlow.js), so they are tested against hand-computed examples.
import type { Mistake, PerClassScores } from './report';

/** `confusion[true][predicted]` counts over `classes` classes. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = matrix[labels[i] ?? -1];
    const column = predicted[i] ?? -1;
    if (row && column >= 0 && column < classes) row[column] = (row[column] ?? 0) + 1;
  }
  return matrix;
}

/** trace / total; 0 for an empty matrix. */
export function accuracyOf(confusion: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  confusion.forEach((row, i) => row.forEach((count, j) => {
    total += count;
    if (i === j) correct += count;
  }));
  return total === 0 ? 0 : correct / total;
}

export function perClassScores(confusion: readonly (readonly number[])[], classNames: readonly string[]): PerClassScores[] {
  return classNames.map((name, k) => {
    const truePositives = confusion[k]?.[k] ?? 0;
    const support = (confusion[k] ?? []).reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((sum, row) => sum + (row[k] ?? 0), 0);
    const precision = predictedAs === 0 ? 0 : truePositives / predictedAs;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { class: name, precision, recall, f1, support };
  });
}

/**
 * Fraction of examples whose true class is among the k most probable. `probabilities` is row-major `[n, classes]`;
 * ties count against the example (a class only makes the top k when fewer than k classes are strictly more probable).
 */
export function topKAccuracy(probabilities: ArrayLike<number>, labels: ArrayLike<number>, classes: number, k: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0;
    const own = probabilities[i * classes + label] ?? 0;
    let above = 0;
    for (let c = 0; c < classes; c++) if ((probabilities[i * classes + c] ?? 0) > own) above++;
    if (above < k) hits++;
  }
  return hits / n;
}

/** The misclassified examples, most confident first (ties: lower index first). */
export function mistakesOf(labels: ArrayLike<number>, predicted: ArrayLike<number>, confidence: ArrayLike<number>): Mistake[] {
  const mistakes: Mistake[] = [];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    const guess = predicted[i] ?? 0;
    if (label !== guess) mistakes.push({ index: i, label, predicted: guess, confidence: confidence[i] ?? 0 });
  }
  return mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
}

/**
 * Predicted class and its probability per example, by the rule the `accuracy` metric uses: one output unit (a
 * sigmoid) → class 1 when p > 0.5; several → the first largest. Returns the class probabilities `[n, classes]` too.
 */
export function decide(outputs: Float32Array, units: number): { predicted: Int32Array; confidence: Float32Array; probabilities: Float32Array; classes: number } {
  const classes = units === 1 ? 2 : units;
  const n = units === 0 ? 0 : outputs.length / units;
  const predicted = new Int32Array(n);
  const confidence = new Float32Array(n);
  const probabilities = units === 1 ? new Float32Array(n * 2) : outputs;
  for (let i = 0; i < n; i++) {
    if (units === 1) {
      const p = outputs[i] ?? 0;
      probabilities[2 * i] = 1 - p;
      probabilities[2 * i + 1] = p;
      predicted[i] = p > 0.5 ? 1 : 0;
      confidence[i] = p > 0.5 ? p : 1 - p;
      continue;
    }
    let best = 0;
    for (let c = 1; c < units; c++) if ((outputs[i * units + c] ?? 0) > (outputs[i * units + best] ?? 0)) best = c;
    predicted[i] = best;
    confidence[i] = outputs[i * units + best] ?? 0;
  }
  return { predicted, confidence, probabilities, classes };
}
