// Inspecting a run of every sample model works, ResNet's add, U-Net's concatenate and SE's multiply included:
// every layer's feature maps equal model.execute of that layer. Runs hold seeded random weights (no training)
// and the samples' data sets are cut to a few hundred examples, to keep this fast.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { AnalysisSession, featureMaps, loadRun } from '../../../runtime/analysis';
import { selectBackend } from '../../../runtime/backends';
import { maxAbsDiff, mnistAssetsDir, referenceOutputs, tempDir, writeRun } from './fixtures';

const SAMPLES_DIR = 'samples'; // tests run from the repository root
const sampleFiles = readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.model.yaml')).sort();

test('the samples folder holds the sample models', () => {
  for (const name of ['lenet', 'resnet-block', 'unet', 'se-block', 'densenet-block', 'vgg', 'mlp-xor', 'linear-regression']) {
    assert.ok(sampleFiles.includes(`${name}.model.yaml`), name);
  }
});

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: every layer of a run of each sample model equals model.execute`, async (t) => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const assetsDir = mnistAssetsDir();
    const dir = tempDir();
    let worst = 0;
    for (const file of sampleFiles) {
      const text = readFileSync(join(SAMPLES_DIR, file), 'utf8').replace(/samples: \d+/, 'samples: 200');
      const name = file.replace('.model.yaml', '');
      const { runDir } = await writeRun(dir, name, text);
      const before = tf.memory().numTensors;
      const session = await AnalysisSession.open(name, await loadRun(runDir, { assetsDir }));
      const ids = session.layerIds;
      // A sample without a validation split (the GAN) is inspected on a given tensor instead of example 1.
      const shape = [...session.spec.input];
      const constant = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5);
      const hasExamples = session.dataset.validation.size > 1;
      const result = await featureMaps(session, ids, hasExamples ? { example: 1 } : { tensor: { shape, data: constant } });
      const expected = tf.tidy(() => referenceOutputs(session.graph.built.model, session.graph.built.layers,
        hasExamples ? session.dataset.validation.xs.slice(1, 1) : tf.tensor(constant, [1, ...shape])).map((tensor) => tensor.dataSync()));
      ids.forEach((id, i) => {
        const diff = maxAbsDiff(result.layers[i]?.data ?? [], expected[i] ?? []);
        worst = Math.max(worst, diff);
        assert.ok(diff < 1e-4, `${name} ${id}: max |difference| ${diff}`);
      });
      const types = new Set(session.spec.layers.map((layer) => layer.type));
      if (name === 'resnet-block') assert.ok(types.has('add'));
      if (name === 'unet') assert.ok(types.has('concatenate') && types.has('conv2dTranspose'));
      session.dispose();
      assert.equal(tf.memory().numTensors, before, `${name}: no leaks`);
    }
    t.diagnostic(`${backend}: max |feature maps − model.execute| over all layers of all samples: ${worst.toExponential(2)}`);
  });
}
