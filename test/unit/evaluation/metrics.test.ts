// The evaluation's pure scores against hand-computed examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accuracyOf, confusionMatrix, decide, mistakesOf, perClassScores, topKAccuracy,
} from '../../../runtime/evaluation/classification-metrics';
import { lineThrough, regressionScores } from '../../../runtime/evaluation/regression-metrics';
import { iouPerClass, pixelAccuracy, pixelClasses } from '../../../runtime/evaluation/segmentation-metrics';

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

test('a 3-class example: confusion rows are true classes; precision, recall and F1 per class by hand', () => {
  // true:      a a a a b b b c c c
  // predicted: a a b c b b a c c b
  const labels = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1];
  const confusion = confusionMatrix(labels, predicted, 3);
  assert.deepEqual(confusion, [[2, 1, 1], [1, 2, 0], [0, 1, 2]]);
  close(accuracyOf(confusion), 6 / 10, 'accuracy');
  const scores = perClassScores(confusion, ['a', 'b', 'c']);
  // a: TP 2, predicted a 3 times, 4 true a → P 2/3, R 2/4. b: TP 2, predicted 4, true 3. c: TP 2, predicted 3, true 3.
  close(scores[0]?.precision ?? -1, 2 / 3, 'precision a');
  close(scores[0]?.recall ?? -1, 1 / 2, 'recall a');
  close(scores[0]?.f1 ?? -1, (2 * (2 / 3) * (1 / 2)) / (2 / 3 + 1 / 2), 'f1 a');
  close(scores[1]?.precision ?? -1, 2 / 4, 'precision b');
  close(scores[1]?.recall ?? -1, 2 / 3, 'recall b');
  close(scores[2]?.precision ?? -1, 2 / 3, 'precision c');
  close(scores[2]?.recall ?? -1, 2 / 3, 'recall c');
  assert.deepEqual(scores.map((s) => [s.class, s.support]), [['a', 4], ['b', 3], ['c', 3]]);
});

test('a class never predicted and never present scores 0, not NaN', () => {
  const scores = perClassScores(confusionMatrix([0, 0], [0, 0], 2), ['x', 'y']);
  assert.deepEqual(scores[1], { class: 'y', precision: 0, recall: 0, f1: 0, support: 0 });
});

test('mistakes come most confident first; a sigmoid output decides at p > 0.5 like binaryAccuracy', () => {
  const { predicted, confidence, probabilities, classes } = decide(Float32Array.from([0.9, 0.2, 0.5, 0.7]), 1);
  assert.equal(classes, 2);
  assert.deepEqual([...predicted], [1, 0, 0, 1]);
  assert.deepEqual([...confidence].map((c) => Math.round(c * 10) / 10), [0.9, 0.8, 0.5, 0.7]);
  assert.equal(probabilities.length, 8);
  const mistakes = mistakesOf([0, 1, 0, 0], predicted, confidence);
  assert.deepEqual(mistakes.map((m) => [m.index, m.label, m.predicted]), [[0, 0, 1], [1, 1, 0], [3, 0, 1]]);
});

test('top-k: the true class among the k most probable', () => {
  const probabilities = [0.5, 0.3, 0.2, /**/ 0.1, 0.2, 0.7, /**/ 0.6, 0.3, 0.1];
  const labels = [0, 1, 2];
  close(topKAccuracy(probabilities, labels, 3, 1), 1 / 3, 'top-1');
  close(topKAccuracy(probabilities, labels, 3, 2), 2 / 3, 'top-2');
  close(topKAccuracy(probabilities, labels, 3, 3), 1, 'top-3');
});

test('regression: MSE, MAE and R² by hand; a line through two points', () => {
  const scores = regressionScores([1, 2, 4], [1, 3, 5], 1);
  close(scores.mse, (0 + 1 + 1) / 3, 'mse');
  close(scores.mae, 2 / 3, 'mae');
  close(scores.r2, 1 - 2 / 8, 'r2'); // mean 3: SStot = 4 + 0 + 4
  assert.deepEqual(lineThrough(150, 50, 190, 90), { w: 1, b: -100 });
});

test('segmentation: a perfect mask has IoU 1 for every class and pixel accuracy 1; a half mask by hand', () => {
  const truth = pixelClasses(Float32Array.from([0, 1, 1, 0, 1, 0]), 1);
  assert.deepEqual(iouPerClass(truth, truth, 2), [1, 1]);
  assert.equal(pixelAccuracy(truth, truth), 1);
  const predicted = Uint8Array.from([0, 1, 0, 0, 1, 1]);
  // class 1: truth {1,2,4}, predicted {1,4,5}: intersection 2, union 4; class 0: truth {0,3,5}, predicted {0,2,3}: 2 / 4.
  assert.deepEqual(iouPerClass(truth, predicted, 2), [0.5, 0.5]);
  close(pixelAccuracy(truth, predicted), 4 / 6, 'pixel accuracy');
  assert.deepEqual([...pixelClasses(Float32Array.from([0.1, 0.8, 0.1, 0.3, 0.3, 0.4]), 3)], [1, 2]);
});
