// Notifications to the parent are batched to at most 10 a second, yet carry every row.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { MetricRow } from '../../../runtime/protocol';
import { readMetrics } from '../../../runtime/runs';
import { MetricsBatcher } from '../../../runtime/training';
import { recordingTrainer, workspace, xorModel } from './helpers';

test('1,000 rows 1 ms apart become at most 12 messages that together hold every row in order', () => {
  let time = 5_000;
  const sent: number[][] = [];
  const batcher = new MetricsBatcher<number>((rows) => sent.push(rows), () => time);
  for (let i = 0; i < 1000; i++) {
    batcher.push(i);
    time += 1;
  }
  batcher.flush();
  assert.ok(sent.length <= (1000 / 1000) * 10 + 2, `${sent.length} messages`);
  assert.ok(sent.length >= 10, 'rows are streamed while they arrive, not only at the end');
  assert.deepEqual(sent.flat(), Array.from({ length: 1000 }, (_, i) => i));
});

test('rows held back by the rate limit are sent by a trailing timer once the interval has passed', async () => {
  let time = 0;
  const sent: string[][] = [];
  const batcher = new MetricsBatcher<string>((rows) => sent.push(rows), () => time, 100);
  batcher.push('a'); // sent at once
  time = 10;
  batcher.push('b'); // too soon: pending
  assert.deepEqual(sent, [['a']]);
  time = 150; // the interval has passed, but no further row arrives
  await sleep(200);
  assert.deepEqual(sent, [['a'], ['b']]);
  batcher.dispose();
});

test('cpu: a 1,000-batch run sends at most duration·10 + 2 runMetrics messages holding every row', async () => {
  const ws = workspace();
  // 1,250 examples, 20% validation → 1,000 training examples in batches of 1.
  const text = xorModel({ epochs: 1, samples: 1250, batchSize: 1, seed: 2 });
  let time = 1_700_000_000_000;
  const clock = (): number => (time += 0.25); // each reading advances a quarter of a millisecond
  const recorder = recordingTrainer(ws, { now: clock });
  const start = time;
  const result = await recorder.run(ws.modelFile('xor', text), text, 'cpu');
  const seconds = (time - start) / 1000;
  assert.equal(result.status, 'completed', result.message);
  const metricMessages = recorder.messages.filter((m) => m.type === 'runMetrics');
  assert.ok(metricMessages.length <= seconds * 10 + 2, `${metricMessages.length} messages in ${seconds} s of clock`);
  const rows: MetricRow[] = recorder.rows();
  assert.equal(rows.filter((r) => r.kind === 'batch').length, 1000);
  assert.deepEqual(rows, readMetrics(result.runDir));
  const last = metricMessages.at(-1)?.progress;
  assert.equal(last?.runId, result.runId);
  assert.deepEqual([last?.epoch, last?.epochs, last?.batch, last?.batchesPerEpoch], [1, 1, 1000, 1000]);
  assert.ok((last?.samplesPerSecond ?? 0) > 0);
  assert.equal(last?.etaSeconds, 0);
});
