// CSV export of the shown runs: one line per metrics.jsonl row, the union of metric columns, quoting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, metricsCsv } from '../../../extension/training-panel/csv';
import type { MetricRow } from '../../../runtime/protocol';

const T0 = Date.UTC(2026, 10, 26, 22, 15, 30);

const rows: MetricRow[] = [
  { kind: 'batch', step: 1, epoch: 1, batch: 1, values: { loss: 0.5, accuracy: 0.75 }, time: T0 },
  { kind: 'batch', step: 2, epoch: 1, batch: 2, values: { loss: 0.25, accuracy: 1 }, time: T0 + 1000 },
  { kind: 'epoch', step: 2, epoch: 1, values: { loss: 0.375, accuracy: 0.875, val_loss: 0.4, val_accuracy: 0.8 }, time: T0 + 1500 },
];

test('one header and one line per row, loss columns first, empty where a row lacks a metric', () => {
  const csv = metricsCsv([{ runId: '20261126-221530-xor', rows }, { runId: 'other', rows: [{ ...rows[0]!, values: { loss: 0.9 } }] }]);
  assert.equal(csv, [
    'run,kind,step,epoch,batch,time,loss,val_loss,accuracy,val_accuracy',
    '20261126-221530-xor,batch,1,1,1,2026-11-26T22:15:30.000Z,0.5,,0.75,',
    '20261126-221530-xor,batch,2,1,2,2026-11-26T22:15:31.000Z,0.25,,1,',
    '20261126-221530-xor,epoch,2,1,,2026-11-26T22:15:31.500Z,0.375,0.4,0.875,0.8',
    'other,batch,1,1,1,2026-11-26T22:15:30.000Z,0.9,,,',
    '',
  ].join('\n'));
});

test('a non-finite value (null in metrics.jsonl) is written as NaN', () => {
  const nanRow = { ...rows[0]!, values: { loss: null } } as unknown as MetricRow;
  const lines = metricsCsv([{ runId: 'r', rows: [nanRow] }]).trim().split('\n');
  assert.equal(lines[1], 'r,batch,1,1,1,2026-11-26T22:15:30.000Z,NaN');
});

test('fields with commas, quotes or line breaks are quoted', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  const csv = metricsCsv([{ runId: 'r', rows: [{ ...rows[0]!, values: { 'odd,name': 1 } }] }]);
  assert.equal(csv.split('\n')[0], 'run,kind,step,epoch,batch,time,"odd,name"');
});

test('no runs give just the header', () => {
  assert.equal(metricsCsv([]), 'run,kind,step,epoch,batch,time\n');
});
