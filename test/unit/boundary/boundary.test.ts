// The live decision boundary: its throttle, its grid, and the frames a real XOR run sends and saves per epoch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBoundaries } from '../../../runtime/boundary/boundaries-file';
import { encodePredictions, gridPoints, planeRange } from '../../../runtime/boundary/boundary-grid';
import { BoundaryThrottle } from '../../../runtime/boundary/boundary-throttle';
import { recordingTrainer, workspace, xorModel } from '../training/helpers';

test('the throttle allows a frame at most every interval (epoch ends: any), and only within the time budget', () => {
  let now = 0;
  const throttle = new BoundaryThrottle(() => now, 500, 0.02);
  now = 300;
  assert.ok(!throttle.due(), 'the first live frame waits an interval');
  assert.ok(throttle.due(true), 'an epoch end need not');
  now = 600;
  assert.ok(throttle.due());
  throttle.record(10); // 10 ms at t = 600: 1.7% of the time so far
  now = 900;
  assert.ok(!throttle.due(), 'within 500 ms of the last frame');
  assert.ok(throttle.due(true), 'an epoch end may come sooner');
  now = 1100;
  assert.ok(throttle.due());
  throttle.record(40); // 50 ms spent by t = 1100: 4.5%
  now = 1700;
  assert.ok(!throttle.due(), 'over budget: 50 ms > 2% of 1700 ms');
  now = 2600;
  assert.ok(throttle.due(), '50 ms ≤ 2% of 2600 ms');
});

test('the grid covers the data with a margin, row 0 at the top; predictions become classes and confidences', () => {
  const range = planeRange([-1, 0, 1, 2]);
  assert.deepEqual(range, { xRange: [-1.2, 1.2], yRange: [-0.2, 2.2] });
  const points = gridPoints(range, 2);
  assert.deepEqual([...points].map((v) => Math.round(v * 100) / 100), [-0.6, 1.6, 0.6, 1.6, -0.6, 0.4, 0.6, 0.4]);
  const { classes, confidence } = encodePredictions(Float32Array.from([0.2, 0.7, 0.1, 0.3, 0.6, 0.1]), 3);
  assert.deepEqual([...classes], [1, 1]);
  assert.deepEqual([...confidence], [178, 153]); // round(0.7f · 255) = round(178.499…)
});

test('an XOR run sends boundary frames with its metrics and saves 64×64 epoch frames (the last always), which change as it learns', async () => {
  const ws = workspace();
  const text = xorModel({ epochs: 6, seed: 2, samples: 200 });
  const file = ws.modelFile('xor', text);
  const recorder = recordingTrainer(ws);
  const result = await recorder.run(file, text, 'cpu');
  assert.equal(result.status, 'completed', result.message);
  const sent = recorder.messages.flatMap((m) => (m.type === 'runMetrics' && m.boundary ? [m.boundary] : []));
  assert.ok(sent.length >= 2, `frames sent: ${sent.length}`);
  const saved = readBoundaries(result.runDir);
  // Epoch-end frames within the time budget, the last one always (forced); ascending.
  const epochs = saved.map((f) => f.epoch);
  assert.equal(epochs[epochs.length - 1], 6);
  assert.deepEqual(epochs, [...epochs].sort((a, b) => a - b));
  for (const frame of saved) {
    assert.equal(frame.size, 64);
    assert.equal(frame.classes.length, 64 * 64);
    assert.equal(frame.confidence.length, 64 * 64);
    assert.ok(frame.classes.every((k) => k === 0 || k === 1));
  }
  const first = sent[0];
  const last = saved[saved.length - 1];
  assert.ok(first && last);
  assert.ok(first.epoch < last.epoch, `an earlier frame (epoch ${first.epoch}) to compare with the last`);
  assert.equal(last.points.labels.length, 200, 'every training and validation point (≤ 300 each)');
  assert.equal(last.points.validation.filter((v) => v === 1).length, 40);
  const changed = first.confidence.filter((c, i) => c !== last.confidence[i]).length;
  assert.ok(changed > 1000, `the boundary changed between epoch 1 and 6 in ${changed} cells`);
  // Live frames go at most one per 500 ms (the panel draws no more often), but the last one always goes, and the frame
  // sent at an epoch end is the one saved.
  const rowTimes = recorder.messages.flatMap((m) => (m.type === 'runMetrics' ? m.rows.map((r) => r.time) : []));
  const spanMs = Math.max(...rowTimes) - Math.min(...rowTimes);
  assert.ok(sent.length <= Math.floor(spanMs / 500) + 2, `${sent.length} frames sent in ${spanMs} ms`);
  const sentLast = sent[sent.length - 1];
  assert.ok(sentLast && sentLast.epoch === 6 && sentLast.batch === 0, `last frame sent: ${JSON.stringify(sentLast && [sentLast.epoch, sentLast.batch])}`);
  assert.deepEqual([...sentLast.classes], [...last.classes]);
});
