// "Compare with…": runs of other model files overlaid on a file's, their legends saying how the files differ
// (memorization vs lenet: `data.shuffleLabels false → true` first), the files offered, and what such runs may do.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunFolders } from '../../../extension/runs/run-folders';
import { otherModelFiles } from '../../../extension/training-panel/other-model-files';
import { RunCatalogue } from '../../../extension/training-panel/run-summaries';
import { describeFileDiff, describeSpecDiff, mostTellingFirst, UNREADABLE_SPEC } from '../../../extension/training-panel/spec-diff';
import { writeMeta } from '../../../runtime/runs';

const LENET = readFileSync('samples/lenet.model.yaml', 'utf8');
const MEMORIZATION = readFileSync('samples/memorization.model.yaml', 'utf8');

test('memorization seen from lenet: the label shuffling comes first, then the numbers that differ', () => {
  const diff = describeFileDiff(LENET, 'lenet.model.yaml', MEMORIZATION, 'memorization.model.yaml', 10);
  assert.equal(diff, 'data.shuffleLabels false → true, epochs 3 → 30, batchSize 64 → 32, learningRate 0.001 → 0.002, '
    + 'data.validationSplit 0.1 → 0.2, data.samples 6000 → 600');
  assert.match(describeFileDiff(LENET, 'lenet.model.yaml', MEMORIZATION, 'memorization.model.yaml'), /^data\.shuffleLabels false → true, .*, \+2 more$/);
  // And the other way round.
  assert.match(describeFileDiff(MEMORIZATION, 'memorization.model.yaml', LENET, 'lenet.model.yaml'), /^data\.shuffleLabels true → false, /);
  // The same-file diff keeps its order (the settings as they appear).
  assert.match(describeSpecDiff(LENET, MEMORIZATION, 'lenet.model.yaml', 10), /^epochs 3 → 30, /);
});

test('files differing in layers name the layers; identical specs say so; each text is read as its own format', () => {
  const xorLinear = readFileSync('samples/xor-linear.model.yaml', 'utf8');
  const mlpXor = readFileSync('samples/mlp-xor.model.yaml', 'utf8');
  assert.equal(describeFileDiff(xorLinear, 'xor-linear.model.yaml', mlpXor, 'mlp-xor.model.yaml'),
    '+dense, output.activation sigmoid → tanh, output.units 1 → 8');
  assert.equal(describeFileDiff(LENET, 'lenet.model.yaml', LENET.replace('name: lenet', 'name: lenet-copy'), 'lenet-copy.model.yaml'), 'same spec');
  const lenetJson = JSON.stringify({ name: 'j', task: 'classification', input: [2], data: { source: 'xor', samples: 100 },
    layers: [{ dense: { units: 1, activation: 'sigmoid' } }], train: { epochs: 2, batchSize: 10, optimizer: 'adam', learningRate: 0.01, loss: 'binaryCrossentropy' } });
  assert.match(describeFileDiff(xorLinear, 'xor-linear.model.yaml', lenetJson, 'j.model.json'), /data\.noise 0\.1 → none/);
  assert.equal(describeFileDiff(LENET, 'lenet.model.yaml', 'layers: [', 'other.model.yaml'), UNREADABLE_SPEC);
});

test('GAN files compare by their networks; long values are cut', () => {
  const gan = readFileSync('samples/gan.model.yaml', 'utf8');
  const wider = gan.replace('filters: 16, kernel: 4, stride: 2, padding: same, activation: leakyRelu', 'filters: 24, kernel: 4, stride: 2, padding: same, activation: leakyRelu')
    .replace('latent: 32', 'latent: 64').replace('activation: sigmoid, id: g_image', 'activation: tanh, id: g_image');
  assert.equal(describeFileDiff(gan, 'gan.model.yaml', wider, 'gan-wide.model.yaml'),
    'g_image.activation sigmoid → tanh, d_conv1.filters 16 → 24, latent 32 → 64');
  const versusLenet = describeFileDiff(LENET, 'lenet.model.yaml', gan, 'gan.model.yaml', 20);
  assert.match(versusLenet, /^task classification → gan, /);
  assert.ok(versusLenet.split(', ').every((change) => change.length < 100), versusLenet);
});

test('most telling first is a stable order: settings, layers added or removed, layer parameters, numbers', () => {
  assert.deepEqual(mostTellingFirst(['epochs 3 → 30', '+dropout', 'data.x none → 1', 'lr 1 → 2', 'c.kernel [3, 3] → [5, 5]', '-dense',
    'optimizer adam → sgd', 'task regression → classification', 'c.filters 8 → 16']),
  ['data.x none → 1', 'optimizer adam → sgd', 'task regression → classification', '+dropout', '-dense', 'c.kernel [3, 3] → [5, 5]',
    'epochs 3 → 30', 'lr 1 → 2', 'c.filters 8 → 16']);
  const autoencoder = readFileSync('samples/autoencoder.model.yaml', 'utf8');
  assert.match(describeFileDiff(autoencoder, 'autoencoder.model.yaml', readFileSync('samples/xor-linear.model.yaml', 'utf8'), 'xor-linear.model.yaml'),
    /^task reconstruction → classification, input \[28, 28, 1\] → \[2\], /);
});

function makeRun(runsDir: string, runId: string, modelFile: string, spec: string, startedAt: string): void {
  const runDir = join(runsDir, runId);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'spec.yaml'), spec);
  writeMeta(runDir, {
    name: runId, modelFile, runId, backend: 'cpu', device: 'test CPU', software: false, reasons: [], versions: {}, seed: 1,
    status: 'stopped', startedAt, endedAt: startedAt, epochsPlanned: 3, epochsDone: 1, final: {},
  });
  mkdirSync(join(runDir, 'checkpoints', 'epoch-1'), { recursive: true });
}

test('the files offered are the other model files with runs, newest first; their runs are named and not resumable here', async () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'layerlens-compare-'));
  makeRun(runsDir, 'r1-lenet', '/ws/lenet.model.yaml', LENET, '2026-12-01T10:00:00.000Z');
  makeRun(runsDir, 'r2-memorization', '/ws/memorization.model.yaml', MEMORIZATION, '2026-12-01T11:00:00.000Z');
  makeRun(runsDir, 'r3-memorization', '/ws/memorization.model.yaml', MEMORIZATION, '2026-12-01T12:00:00.000Z');
  makeRun(runsDir, 'r4-xor', '/ws/xor-linear.model.yaml', readFileSync('samples/xor-linear.model.yaml', 'utf8'), '2026-12-01T09:00:00.000Z');
  const folders = new RunFolders();
  assert.deepEqual(await otherModelFiles(folders, runsDir, '/ws/lenet.model.yaml'), [
    { file: '/ws/memorization.model.yaml', runs: 2, newest: '2026-12-01T12:00:00.000Z' },
    { file: '/ws/xor-linear.model.yaml', runs: 1, newest: '2026-12-01T09:00:00.000Z' },
  ]);
  const catalogue = new RunCatalogue(folders);
  const own = await catalogue.list(runsDir, '/ws/lenet.model.yaml', LENET, () => false);
  assert.deepEqual(own.map((r) => [r.summary.runId, r.summary.modelFile, r.summary.resumable]), [['r1-lenet', undefined, true]]);
  const other = await catalogue.listOther(runsDir, '/ws/memorization.model.yaml', { text: LENET, file: '/ws/lenet.model.yaml' }, () => false);
  assert.deepEqual(other.map((r) => [r.summary.runId, r.summary.modelFile, r.summary.resumable]),
    [['r3-memorization', 'memorization.model.yaml', false], ['r2-memorization', 'memorization.model.yaml', false]]);
  assert.match(other[0]?.summary.specDiff ?? '', /^data\.shuffleLabels false → true, /);
});
