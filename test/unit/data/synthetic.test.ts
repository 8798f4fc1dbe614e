import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { DataError, loadDataset, unstandardise, type DataSpec, type LoadContext } from '../../../runtime/data';

const ctx = (inputShape: number[], task: LoadContext['task'], seed = 1): LoadContext => ({
  baseDir: '/nonexistent', assetsDir: '/nonexistent', inputShape, task, seed,
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Class index per row of one-hot ys [n, classes]. */
const labelsOf = (ys: tf.Tensor): number[] => {
  const indices = tf.argMax(ys, 1);
  try {
    return [...indices.dataSync()];
  } finally {
    indices.dispose();
  }
};

test('xor: [n, 2] points, one-hot [n, 2], labels follow the sign rule', async () => {
  const data = await loadDataset({ source: 'xor', samples: 400, noise: 0, validationSplit: 0.25 }, ctx([2], 'classification'));
  try {
    assert.deepEqual(data.train.xs.shape, [300, 2]);
    assert.deepEqual(data.validation.ys.shape, [100, 2]);
    assert.equal(data.train.xs.dtype, 'float32');
    assert.equal(data.train.ys.dtype, 'float32');
    assert.deepEqual(data.classNames, ['0', '1']);
    assert.equal(sum(data.classCounts.train) + sum(data.classCounts.validation), 400);
    const xs = data.train.xs.arraySync() as number[][];
    const ys = data.train.ys.arraySync() as number[][];
    xs.forEach(([x = 0, y = 0], i) => {
      const oneHot = ys[i] ?? [];
      assert.equal(sum(oneHot), 1);
      assert.equal(oneHot[1], x > 0 !== y > 0 ? 1 : 0, `point ${x},${y}`);
    });
  } finally {
    data.dispose();
  }
});

test('spirals: three arms give three balanced classes', async () => {
  const data = await loadDataset({ source: 'spirals', classes: 3, samples: 300 }, ctx([2], 'classification'));
  try {
    assert.deepEqual(data.classNames, ['spiral A', 'spiral B', 'spiral C']);
    assert.deepEqual(data.train.ys.shape, [270, 3]);
    assert.deepEqual(data.classCounts.train, [90, 90, 90]);
    assert.deepEqual(data.classCounts.validation, [10, 10, 10]);
  } finally {
    data.dispose();
  }
  await assert.rejects(loadDataset({ source: 'spirals', classes: 9 }, ctx([2], 'classification')), DataError);
});

test('height-weight: standardised [n, 1] pairs whose scaling recovers cm and kg', async () => {
  const data = await loadDataset({ source: 'height-weight', samples: 500, noise: 0 }, ctx([1], 'regression'));
  try {
    assert.deepEqual(data.train.xs.shape, [450, 1]);
    assert.deepEqual(data.train.ys.shape, [450, 1]);
    assert.deepEqual(data.classNames, []);
    const featureScaling = data.featureScaling;
    const targetScaling = data.targetScaling;
    assert.ok(featureScaling && targetScaling);
    assert.deepEqual(targetScaling.units, ['kg']);
    assert.ok(Math.abs((featureScaling.mean[0] ?? 0) - 170) < 2, `mean height ${featureScaling.mean[0]}`);
    const xs = data.train.xs.dataSync();
    const ys = data.train.ys.dataSync();
    const xMean = sum([...xs]) / xs.length;
    assert.ok(Math.abs(xMean) < 1e-4, 'training features have mean 0');
    // Without noise, weight (kg) = height (cm) − 100 exactly.
    const heights = unstandardise([...xs.slice(0, 5)], featureScaling);
    const weights = unstandardise([...ys.slice(0, 5)], targetScaling);
    heights.forEach((h, i) => assert.ok(Math.abs((weights[i] ?? 0) - (h - 100)) < 1e-3));
  } finally {
    data.dispose();
  }
});

test('shapes for segmentation: images [n, h, w, c] in 0..1 with binary masks [n, h, w, 1]', async () => {
  const data = await loadDataset({ source: 'shapes', samples: 30, validationSplit: 0.2 }, ctx([16, 20, 3], 'segmentation'));
  try {
    assert.deepEqual(data.train.xs.shape, [24, 16, 20, 3]);
    assert.deepEqual(data.train.ys.shape, [24, 16, 20, 1]);
    assert.deepEqual(data.validation.ys.shape, [6, 16, 20, 1]);
    assert.deepEqual(data.classNames, ['background', 'shape']);
    const masks = data.train.ys.dataSync();
    assert.ok(masks.every((v) => v === 0 || v === 1));
    assert.equal(sum(data.classCounts.train), 24 * 16 * 20);
    const foreground = data.classCounts.train[1] ?? 0;
    assert.ok(foreground > 0.05 * 24 * 16 * 20 && foreground < 0.6 * 24 * 16 * 20, `foreground pixels ${foreground}`);
    const pixels = data.train.xs.dataSync();
    assert.ok(pixels.every((v) => v >= 0 && v <= 1));
    // Shape pixels are brighter than background pixels on average.
    let inside = 0, outside = 0;
    masks.forEach((m, p) => {
      const grey = ((pixels[3 * p] ?? 0) + (pixels[3 * p + 1] ?? 0) + (pixels[3 * p + 2] ?? 0)) / 3;
      if (m === 1) inside += grey / foreground;
      else outside += grey / (24 * 16 * 20 - foreground);
    });
    assert.ok(inside > outside + 0.3, `inside ${inside} outside ${outside}`);
  } finally {
    data.dispose();
  }
});

test('shapes for classification: circle/square/triangle labels', async () => {
  const data = await loadDataset({ source: 'shapes', samples: 60 }, ctx([12, 12], 'classification'));
  try {
    assert.deepEqual(data.classNames, ['circle', 'square', 'triangle']);
    assert.deepEqual(data.train.xs.shape, [54, 12, 12]);
    assert.deepEqual(data.classCounts.validation, [2, 2, 2]);
  } finally {
    data.dispose();
  }
});

test('the same seed reproduces every tensor exactly; another seed differs', async () => {
  const specs: [DataSpec, number[], LoadContext['task']][] = [
    [{ source: 'xor', samples: 50 }, [2], 'classification'],
    [{ source: 'spirals', samples: 50 }, [2], 'classification'],
    [{ source: 'height-weight', samples: 50 }, [1], 'regression'],
    [{ source: 'shapes', samples: 10 }, [8, 8, 1], 'segmentation'],
  ];
  for (const [spec, shape, task] of specs) {
    const a = await loadDataset(spec, ctx(shape, task, 11));
    const b = await loadDataset(spec, ctx(shape, task, 11));
    const c = await loadDataset(spec, ctx(shape, task, 12));
    const d = await loadDataset({ ...spec, seed: 11 }, ctx(shape, task, 12));
    try {
      for (const part of ['train', 'validation'] as const) {
        assert.deepEqual(a[part].xs.dataSync(), b[part].xs.dataSync(), `${spec.source} ${part} xs`);
        assert.deepEqual(a[part].ys.dataSync(), b[part].ys.dataSync(), `${spec.source} ${part} ys`);
        assert.deepEqual(a[part].xs.dataSync(), d[part].xs.dataSync(), `${spec.source}: spec.seed overrides ctx.seed`);
      }
      assert.notDeepEqual(a.train.xs.dataSync(), c.train.xs.dataSync(), `${spec.source} seeds differ`);
    } finally {
      [a, b, c, d].forEach((data) => data.dispose());
    }
  }
});

test('shuffleLabels permutes training labels, keeps their multiset and leaves validation alone', async () => {
  const spec: DataSpec = { source: 'spirals', classes: 3, samples: 300 };
  const plain = await loadDataset(spec, ctx([2], 'classification', 4));
  const shuffled = await loadDataset({ ...spec, shuffleLabels: true }, ctx([2], 'classification', 4));
  try {
    assert.equal(shuffled.labelsShuffled, true);
    assert.deepEqual(shuffled.train.xs.dataSync(), plain.train.xs.dataSync(), 'inputs unchanged');
    assert.deepEqual(shuffled.validation.ys.dataSync(), plain.validation.ys.dataSync(), 'validation labels intact');
    const plainLabels = labelsOf(plain.train.ys);
    const shuffledLabels = labelsOf(shuffled.train.ys);
    assert.deepEqual([...shuffledLabels].sort(), [...plainLabels].sort(), 'same multiset');
    const unchanged = plainLabels.filter((label, i) => label === shuffledLabels[i]).length;
    assert.ok(unchanged < plainLabels.length * 0.5, `${unchanged} of ${plainLabels.length} labels kept their place`);
    assert.deepEqual(shuffled.classCounts, plain.classCounts);
  } finally {
    plain.dispose();
    shuffled.dispose();
  }
});

test('shapes that cannot feed the model, wrong tasks and bad options are DataErrors naming the problem', async () => {
  await assert.rejects(loadDataset({ source: 'xor' }, ctx([3], 'classification')), /shape \[2\].*\[3\]/);
  await assert.rejects(loadDataset({ source: 'xor' }, ctx([2], 'regression')), /suits classification.*regression/);
  await assert.rejects(loadDataset({ source: 'xor', validationSplit: 0.95 }, ctx([2], 'classification')), DataError);
  await assert.rejects(loadDataset({ source: 'xor', samples: 0 }, ctx([2], 'classification')), /samples/);
  await assert.rejects(loadDataset({ source: 'shapes' }, ctx([16, 16, 2], 'segmentation')), /channels/);
  await assert.rejects(loadDataset({ source: 'shapes', imageSize: 32 }, ctx([16, 16, 1], 'segmentation')), /imageSize 32×32/);
});

test('no tensors leak: dispose frees everything loadDataset created, and twice is harmless', async () => {
  const before = tf.memory().numTensors;
  const data = await loadDataset({ source: 'shapes', samples: 12 }, ctx([8, 8, 1], 'segmentation'));
  assert.equal(tf.memory().numTensors, before + 4);
  data.dispose();
  data.dispose();
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(loadDataset({ source: 'xor' }, ctx([5], 'classification')));
  assert.equal(tf.memory().numTensors, before, 'a failed load leaves nothing behind');
});

test('validationSplit 0 gives an empty validation split with the right shape', async () => {
  const data = await loadDataset({ source: 'xor', samples: 20, validationSplit: 0 }, ctx([2], 'classification'));
  try {
    assert.deepEqual(data.validation.xs.shape, [0, 2]);
    assert.equal(data.validation.size, 0);
    assert.equal(data.train.size, 20);
  } finally {
    data.dispose();
  }
});
