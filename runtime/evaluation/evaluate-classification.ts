// Classification evaluation: confusion matrix, per-class scores, top-k, mistakes and the thumbnails the panel shows.
import type { PreparedRun } from '../training/prepare';
import {
  accuracyOf, confusionMatrix, decide, mistakesOf, perClassScores, topKAccuracy,
} from './classification-metrics';
import type { CommonFields } from './evaluate-model';
import type { ModelOutputs } from './predict';
import { exampleInputs } from './example-inputs';
import type { ClassificationEvaluation } from './report';

/** Thumbnails kept per confusion cell, and of the most confident mistakes. */
export const EXAMPLES_PER_CELL = 12;
export const MISTAKES_SHOWN = 32;
const TOP_K = [1, 3, 5];

/** Class index per example from one-hot rows `[n, classes]`. */
export function labelsOf(oneHot: Float32Array, classes: number): Int32Array {
  const n = classes === 0 ? 0 : oneHot.length / classes;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if ((oneHot[i * classes + c] ?? 0) > (oneHot[i * classes + best] ?? 0)) best = c;
    labels[i] = best;
  }
  return labels;
}

/** The first EXAMPLES_PER_CELL validation indices of every confusion cell. */
export function cellExamples(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[] {
  const perCell = new Map<string, number>();
  const picked: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const key = `${labels[i] ?? 0}:${predicted[i] ?? 0}`;
    const seen = perCell.get(key) ?? 0;
    if (seen < EXAMPLES_PER_CELL) picked.push(i);
    perCell.set(key, seen + 1);
  }
  return picked;
}

export async function evaluateClassification(prepared: PreparedRun, outputs: ModelOutputs, common: CommonFields): Promise<ClassificationEvaluation> {
  const { dataset } = prepared;
  const classNames = dataset.classNames;
  const labels = labelsOf((await dataset.validation.ys.data()) as Float32Array, classNames.length);
  const { predicted, confidence, probabilities, classes } = decide(outputs.values, outputs.perExample);
  const confusion = confusionMatrix(labels, predicted, classes);
  const misclassified = mistakesOf(labels, predicted, confidence);
  const shown = [...cellExamples(labels, predicted), ...misclassified.slice(0, MISTAKES_SHOWN).map((m) => m.index)];
  return {
    task: 'classification',
    classNames,
    confusion,
    accuracy: accuracyOf(confusion),
    perClass: perClassScores(confusion, classNames),
    misclassified,
    ...common,
    topK: TOP_K.filter((k) => k <= classes).map((k) => ({ k, accuracy: topKAccuracy(probabilities, labels, classes, k) })),
    labels: [...labels],
    predictions: [...predicted],
    examples: await exampleInputs(dataset, shown),
  };
}
