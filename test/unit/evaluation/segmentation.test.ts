// evaluation.json of a small segmentation run: per-class IoU and pixel accuracy over the validation split, 16 masks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { SegmentationEvaluation } from '../../../runtime/evaluation';
import { recordingTrainer, workspace } from '../training/helpers';

test('segmentation: IoU per class, pixel accuracy, and the first 16 masks as bytes', async () => {
  const ws = workspace();
  const text = `name: blobs
task: segmentation
input: [16, 16, 1]
data: { source: shapes, samples: 80, validationSplit: 0.25 }
layers:
  - conv2d: { filters: 4, kernel: 3, padding: same, activation: relu }
  - conv2d: { filters: 1, kernel: 3, padding: same, activation: sigmoid }
train: { epochs: 2, batchSize: 16, seed: 3 }
`;
  const file = ws.modelFile('blobs', text);
  const result = await recordingTrainer(ws).run(file, text, 'cpu');
  assert.equal(result.status, 'completed', result.message);
  const evaluation = JSON.parse(readFileSync(result.evaluation ?? '', 'utf8')) as SegmentationEvaluation;
  assert.deepEqual(Object.keys(evaluation).slice(0, 3), ['task', 'iou', 'pixelAccuracy']);
  assert.equal(evaluation.iou.length, 2);
  assert.ok(evaluation.iou.every((v) => v >= 0 && v <= 1));
  assert.ok(evaluation.pixelAccuracy > 0 && evaluation.pixelAccuracy <= 1);
  assert.deepEqual(evaluation.maskShape, [16, 16]);
  assert.equal(evaluation.masks.length, 16);
  for (const mask of evaluation.masks) {
    assert.equal(Buffer.from(mask.truth, 'base64').length, 256);
    assert.equal(Buffer.from(mask.predicted, 'base64').length, 256);
    assert.equal(mask.input.kind, 'image');
  }
});
