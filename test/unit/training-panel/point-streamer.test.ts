// The columnar batching of points to the Training panel: at most one message per 100 ms, nothing dropped or
// duplicated, typed-array columns, resets that replace a run's history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PointStreamer, type UpdateMessage } from '../../../extension/training-panel/point-streamer';
import type { MetricRow } from '../../../runtime/protocol';
import type { LiveStatus } from '../../../webviews/training/protocol';
import { FakeScheduler } from './fake-scheduler';

const BATCHES_PER_EPOCH = 4;

function batchRow(step: number): MetricRow {
  const epoch = Math.floor((step - 1) / BATCHES_PER_EPOCH) + 1;
  return { kind: 'batch', step, epoch, batch: step - (epoch - 1) * BATCHES_PER_EPOCH, values: { loss: 1 / step, accuracy: step / 1000 }, time: step };
}

function epochRow(epoch: number): MetricRow {
  return { kind: 'epoch', step: epoch * BATCHES_PER_EPOCH, epoch, values: { loss: 1 / epoch, val_loss: 2 / epoch }, time: epoch };
}

function live(runId: string, batchesPerEpoch = BATCHES_PER_EPOCH): LiveStatus {
  return { runId, epoch: 1, epochs: 3, batch: 1, batchesPerEpoch, samplesPerSecond: 100, backend: 'cpu', device: 'test' };
}

function setup() {
  const scheduler = new FakeScheduler();
  const messages: { at: number; message: UpdateMessage }[] = [];
  // The mechanism at a 100 ms interval (the default interval is a tuning choice, see UPDATE_INTERVAL_MS).
  const streamer = new PointStreamer((message) => messages.push({ at: scheduler.now(), message }), scheduler, 100);
  return { scheduler, messages, streamer };
}

/** Every batch step the view received for a run, in arrival order. */
function receivedSteps(messages: readonly { message: UpdateMessage }[], runId: string, kind: 'batch' | 'epoch' = 'batch'): number[] {
  return messages.flatMap(({ message }) => message.points.filter((p) => p.runId === runId).flatMap((p) => [...p[kind].step]));
}

test('a run reporting every millisecond reaches the view in at most 10 messages a second, with every row once', () => {
  const { scheduler, messages, streamer } = setup();
  for (let step = 1; step <= 2000; step++) {
    streamer.append('run-1', [batchRow(step)]);
    if (step % 25 === 0) streamer.progress(live('run-1'));
    scheduler.advance(1);
  }
  scheduler.advance(1000);
  const steps = receivedSteps(messages, 'run-1');
  assert.deepEqual(steps, Array.from({ length: 2000 }, (_, i) => i + 1));
  for (let i = 1; i < messages.length; i++) {
    const gap = (messages[i]?.at ?? 0) - (messages[i - 1]?.at ?? 0);
    assert.ok(gap >= 100, `messages ${i - 1} and ${i} are ${gap} ms apart`);
  }
  assert.ok(messages.length <= 21 && messages.length >= 19, `${messages.length} messages in 2 s`);
  assert.equal(scheduler.pending, 0, 'no timer left once everything was sent');
});

test('timers that fire a fraction early never bring two messages closer than 100 ms', () => {
  const scheduler = new FakeScheduler(0.5);
  const times: number[] = [];
  const streamer = new PointStreamer(() => times.push(scheduler.now()), scheduler, 100);
  for (let step = 1; step <= 1000; step++) {
    streamer.append('run-1', [batchRow(step)]);
    scheduler.advance(1);
  }
  scheduler.advance(1000);
  assert.ok(times.length >= 6);
  for (let i = 1; i < times.length; i++) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 100, `gap ${i}`);
});

test('points travel as Float64Array columns, batch points placed inside their epoch', () => {
  const { scheduler, messages, streamer } = setup();
  streamer.progress(live('run-1'));
  streamer.append('run-1', [batchRow(1), batchRow(2), batchRow(3), batchRow(4), epochRow(1), batchRow(5)]);
  scheduler.advance(0);
  assert.equal(messages.length, 1, 'rows that arrive together go together, without waiting');
  const points = messages[0]?.message.points[0];
  assert.ok(points);
  assert.equal(points.reset, false);
  assert.ok(points.batch.step instanceof Float64Array && points.batch.values.loss instanceof Float64Array);
  assert.deepEqual([...points.batch.step], [1, 2, 3, 4, 5]);
  assert.deepEqual([...points.batch.epoch], [0.25, 0.5, 0.75, 1, 1.25]);
  assert.deepEqual([...(points.batch.values.accuracy ?? [])], [0.001, 0.002, 0.003, 0.004, 0.005]);
  assert.deepEqual([...points.epoch.step], [4]);
  assert.deepEqual([...points.epoch.epoch], [1]);
  assert.deepEqual([...(points.epoch.values.val_loss ?? [])], [2]);
  assert.equal(messages[0]?.message.live?.batchesPerEpoch, BATCHES_PER_EPOCH);
});

test('a reset replaces the run and rows already in it are not sent again', () => {
  const { scheduler, messages, streamer } = setup();
  streamer.append('run-1', [batchRow(1), batchRow(2)]);
  // History from disk already holds steps 1–5; live rows 3–8 overlap it.
  streamer.reset('run-1', [1, 2, 3, 4, 5].map(batchRow), BATCHES_PER_EPOCH);
  streamer.append('run-1', [3, 4, 5, 6].map(batchRow));
  scheduler.advance(0);
  streamer.append('run-1', [6, 7, 8].map(batchRow));
  scheduler.advance(200);
  assert.equal(messages.length, 2);
  assert.equal(messages[0]?.message.points[0]?.reset, true);
  assert.deepEqual(receivedSteps(messages, 'run-1'), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('a reset with no rows still reaches the view (a new run gets its empty series)', () => {
  const { scheduler, messages, streamer } = setup();
  streamer.reset('run-2', []);
  scheduler.advance(0);
  assert.equal(messages.length, 1);
  assert.deepEqual(messages[0]?.message.points.map((p) => [p.runId, p.reset, p.batch.step.length]), [['run-2', true, 0]]);
});

test('only the newest progress is sent; flush sends as soon as the interval allows, and says when', async () => {
  const { scheduler, messages, streamer } = setup();
  streamer.append('run-1', [batchRow(1)]);
  scheduler.advance(0);
  streamer.progress({ ...live('run-1'), samplesPerSecond: 1 });
  streamer.progress({ ...live('run-1'), samplesPerSecond: 2 });
  let flushed = false;
  const flushing = streamer.flush().then(() => { flushed = true; });
  scheduler.advance(99);
  await Promise.resolve();
  assert.equal(messages.length, 1, 'not within 100 ms of the previous message');
  assert.equal(flushed, false);
  scheduler.advance(1);
  await flushing;
  assert.equal(messages.length, 2);
  assert.equal(messages[1]?.at, 100);
  assert.equal(messages[1]?.message.live?.samplesPerSecond, 2);
  assert.equal(messages[1]?.message.points.length, 0);
  streamer.append('run-1', [batchRow(2)]);
  scheduler.advance(150);
  assert.equal(messages.length, 3);
  streamer.append('run-1', [batchRow(3)]);
  scheduler.time += 100; // the interval passed without a timer firing
  await streamer.flush();
  assert.equal(messages.length, 4, 'once the interval has passed, flush sends at once');
  await streamer.flush();
  scheduler.advance(1000);
  assert.equal(messages.length, 4, 'nothing left to send');
});

test('rows of a forgotten run are not sent; several runs share one message', () => {
  const { scheduler, messages, streamer } = setup();
  streamer.append('a', [batchRow(1)]);
  streamer.append('b', [batchRow(1)]);
  streamer.append('c', [batchRow(1)]);
  streamer.forget('b');
  scheduler.advance(0);
  assert.equal(messages.length, 1);
  assert.deepEqual(messages[0]?.message.points.map((p) => p.runId), ['a', 'c']);
});

test('the epoch axis never goes back when batches per epoch was only guessed from a partial epoch', () => {
  const { scheduler, messages, streamer } = setup();
  streamer.reset('run-1', [1, 2].map(batchRow), 2); // guessed 2 from a partial first epoch
  scheduler.advance(0);
  streamer.progress(live('run-1', 4)); // the real value
  streamer.append('run-1', [3, 4, 5].map(batchRow));
  scheduler.advance(200);
  const xs = messages.flatMap(({ message }) => message.points.flatMap((p) => [...p.batch.epoch]));
  assert.deepEqual(xs, [0.5, 1, 1, 1, 1.25]);
});

test('a NaN loss written as null arrives as NaN', () => {
  const { scheduler, messages, streamer } = setup();
  const row = { ...batchRow(1), values: { loss: null } } as unknown as MetricRow;
  streamer.append('run-1', [row]);
  scheduler.advance(0);
  assert.ok(Number.isNaN(messages[0]?.message.points[0]?.batch.values.loss?.[0]));
});
