// task: gan — shapes checked end to end with diagnostics on the right line; training alternates discriminator and
// generator steps with finite losses, and the fixed-noise images change between epochs.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { test } from 'node:test';
import { checkModel } from '../../../runtime/language';
import { epochImagesPath, type EpochImages } from '../../../runtime/training/epoch-images';
import { recordingTrainer, workspace } from '../training/helpers';

const gan = (imageUnits = 64, judgeUnits = 1) => `name: tiny-gan
task: gan
input: [8, 8, 1]
data: { source: shapes, samples: 64, validationSplit: 0 }
generator:
  latent: 4
  layers:
    - dense: { units: 32, activation: relu, id: g_hidden }
    - dense: { units: ${imageUnits}, activation: sigmoid, id: g_pixels }
    - reshape: { shape: [8, 8, ${imageUnits / 64}], id: g_image }
discriminator:
  layers:
    - flatten: { id: d_flat }
    - dense: { units: 16, activation: relu, id: d_hidden }
    - dense: { units: ${judgeUnits}, activation: sigmoid, id: d_out }
train: { epochs: 2, batchSize: 16, learningRate: 0.01, discriminatorSteps: 2, seed: 6 }
`;

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

test('gan: both networks are checked; the generator output must equal input, on the generator\'s last line', () => {
  const good = checkModel(gan(), 'gan.model.yaml');
  assert.deepEqual(good.diagnostics, []);
  assert.deepEqual(good.layers.map((l) => l.id), ['g_hidden', 'g_pixels', 'g_image', 'd_flat', 'd_hidden', 'd_out']);
  assert.deepEqual(good.layers[0]?.inputShapes, [[4]]);
  assert.deepEqual(good.layers[3]?.inputShapes, [[8, 8, 1]]);
  assert.equal(good.spec?.gan?.latent, 4);
  assert.equal(good.spec?.train.discriminatorSteps, 2);
  assert.equal(good.spec?.train.loss, 'binaryCrossentropy');

  const twoChannels = gan(128);
  const bad = checkModel(twoChannels, 'gan.model.yaml');
  const error = bad.diagnostics.find((d) => d.severity === 'error');
  assert.match(error?.message ?? '', /generator's output \[8, 8, 2\] must equal the discriminator's input, which is input \[8, 8, 1\]/);
  assert.equal(error?.range.start.line, lineOf(twoChannels, 'id: g_image'));

  const twoOutputs = gan(64, 2);
  const judged = checkModel(twoOutputs, 'gan.model.yaml').diagnostics.find((d) => d.severity === 'error');
  assert.match(judged?.message ?? '', /discriminator must output \[1\]/);
  assert.equal(judged?.range.start.line, lineOf(twoOutputs, 'id: d_out'));

  const withLayers = checkModel(gan().replace('discriminator:', 'layers: [flatten]\ndiscriminator:'), 'gan.model.yaml');
  assert.ok(withLayers.diagnostics.some((d) => d.severity === 'error' && /instead of 'layers'/.test(d.message)));
});

test('cpu: a gan trains both networks with finite losses, D(x) and D(G(z)) in [0, 1], and its fixed-noise images change', async () => {
  const ws = workspace();
  try {
    const recorder = recordingTrainer(ws);
    const result = await recorder.run(ws.modelFile('tiny-gan', gan()), gan(), 'cpu');
    assert.equal(result.status, 'completed', result.message);
    const rows = recorder.rows();
    assert.equal(rows.filter((r) => r.kind === 'batch').length, 2 * 4);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row.values), ['d_loss', 'g_loss', 'd_real', 'd_fake']);
      assert.ok(Number.isFinite(row.values['d_loss']) && Number.isFinite(row.values['g_loss']), JSON.stringify(row.values));
      for (const p of [row.values['d_real'] ?? -1, row.values['d_fake'] ?? -1]) assert.ok(p >= 0 && p <= 1);
    }
    const [first, second] = [1, 2].map((epoch) => JSON.parse(readFileSync(epochImagesPath(result.runDir, epoch), 'utf8')) as EpochImages);
    assert.deepEqual(first?.shape, [8, 8, 1]);
    assert.equal(first?.images.length, 16 * 64);
    const change = (first?.images ?? []).reduce((sum, v, i) => sum + Math.abs(v - (second?.images[i] ?? v)), 0) / (16 * 64);
    assert.ok(change > 1e-3, `the generated images changed by ${change} per pixel between epochs`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});
