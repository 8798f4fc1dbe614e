// data.classes, data.samplesPerClass and data.pretext: rotation, on raw examples and through loadDataset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../runtime/backends';
import { loadDataset } from '../../../runtime/data';
import { capPerClass, keepClasses, rotateInto, rotationPretext } from '../../../runtime/data/class-subset';
import { mulberry32 } from '../../../runtime/data/random';
import type { RawExamples } from '../../../runtime/data/raw';
import { checkModel } from '../../../runtime/language';

function raw(labels: number[], sampleShape = [1]): RawExamples {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  return {
    features: Float32Array.from({ length: labels.length * size }, (_, i) => Math.floor(i / size) * 10 + (i % size)),
    sampleShape, count: labels.length,
    targets: { type: 'classes', labels: Int32Array.from(labels), classNames: ['a', 'b', 'c', 'd'] },
  };
}

test('keepClasses keeps the listed classes in the listed order and re-indexes them', () => {
  const kept = keepClasses(raw([0, 3, 1, 3, 2, 0]), [3, 0]);
  assert.equal(kept.count, 4);
  // rows 0, 1, 3, 5 (classes 0, 3, 3, 0); class 3 becomes 0, class 0 becomes 1
  assert.deepEqual([...(kept.targets.type === 'classes' ? kept.targets.labels : [])], [1, 0, 0, 1]);
  assert.deepEqual(kept.targets.type === 'classes' ? kept.targets.classNames : [], ['d', 'a']);
  assert.deepEqual([...kept.features], [0, 10, 30, 50]);
});

test('keepClasses refuses a class the data does not have', () => {
  assert.throws(() => keepClasses(raw([0, 1]), [0, 4]), /names class 4, but the data has 4 classes/);
});

test('capPerClass keeps the first N of each class, in order', () => {
  const labels = Int32Array.from([0, 0, 0, 1, 1, 2]);
  assert.deepEqual([...capPerClass(Int32Array.from([5, 2, 0, 4, 1, 3]), labels, 2)], [5, 2, 0, 4, 3]);
});

test('rotateInto turns a 2×2 image counter-clockwise like numpy rot90; four turns give the image back', () => {
  // [[1, 2], [3, 4]] → rot90: [[2, 4], [1, 3]]; rot180: [[4, 3], [2, 1]]; rot270: [[3, 1], [4, 2]]
  const image = Float32Array.from([1, 2, 3, 4]);
  const turned = (k: number) => { const out = new Float32Array(4); rotateInto(image, out, 2, 1, k); return [...out]; };
  assert.deepEqual(turned(0), [1, 2, 3, 4]);
  assert.deepEqual(turned(1), [2, 4, 1, 3]);
  assert.deepEqual(turned(2), [4, 3, 2, 1]);
  assert.deepEqual(turned(3), [3, 1, 4, 2]);
});

test('rotationPretext labels each image by the rotation applied to it; non-square images are refused', () => {
  const images = raw([0, 1, 2, 3, 0, 1, 2, 3], [2, 2, 1]);
  const pretext = rotationPretext(images, mulberry32(5));
  assert.ok(pretext.targets.type === 'classes');
  assert.deepEqual(pretext.targets.classNames, ['0°', '90°', '180°', '270°']);
  pretext.targets.labels.forEach((k, example) => {
    const expected = new Float32Array(4);
    rotateInto(images.features.subarray(example * 4, example * 4 + 4), expected, 2, 1, k);
    assert.deepEqual([...pretext.features.subarray(example * 4, example * 4 + 4)], [...expected]);
  });
  assert.ok(new Set(pretext.targets.labels).size > 1, 'rotations vary between images');
  assert.throws(() => rotationPretext(raw([0], [2, 3, 1]), mulberry32(1)), /square images/);
});

test('loadDataset: classes and samplesPerClass shape the training split; validation keeps its size', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  const baseline = tf.memory().numTensors;
  const context = { baseDir: '.', assetsDir: '.', inputShape: [2], task: 'classification' as const, seed: 9 };
  const full = await loadDataset({ source: 'spirals', classes: 3, samples: 300, validationSplit: 0.2, keepClasses: [2, 0] }, context);
  const capped = await loadDataset({ source: 'spirals', classes: 3, samples: 300, validationSplit: 0.2, keepClasses: [2, 0], samplesPerClass: 10 }, context);
  try {
    assert.deepEqual(full.classNames.length, 2);
    assert.deepEqual(full.classCounts.train, [80, 80]);
    assert.deepEqual(capped.classCounts.train, [10, 10]);
    assert.equal(capped.train.size, 20);
    assert.deepEqual(capped.classCounts.validation, full.classCounts.validation);
    assert.deepEqual(capped.train.ys.shape, [20, 2]);
  } finally {
    full.dispose();
    capped.dispose();
  }
  assert.equal(tf.memory().numTensors, baseline);
});

test('the model language reads classes, samplesPerClass and pretext, and rejects bad values at the value', () => {
  const text = (data: string) => `task: classification\ninput: [28, 28, 1]\ndata: ${data}\nlayers:\n  - flatten\n  - dense: { units: 4, activation: softmax }\n`;
  const good = checkModel(text('{ source: mnist, classes: [5, 6], samplesPerClass: 50, pretext: rotation }'), 'a.model.yaml');
  assert.deepEqual(good.diagnostics, []);
  assert.deepEqual(good.spec?.data, { source: 'mnist', shuffleLabels: false, classes: [5, 6], samplesPerClass: 50, pretext: 'rotation' });
  const bad = text('{ source: mnist, classes: [5, 5], samplesPerClass: 0, pretext: flip }');
  const lines = bad.split('\n');
  const check = checkModel(bad, 'b.model.yaml');
  const at = check.diagnostics.map((d) => lines[d.range.start.line]?.slice(d.range.start.col, d.range.end.col));
  assert.deepEqual(at, ['[5, 5]', '0', 'flip']);
});
