import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, loadDataset, parseCsv, unstandardise, type LoadContext } from '../../../runtime/data';

let dir = '';
const ctx = (inputShape: number[], task: LoadContext['task']): LoadContext => ({
  baseDir: dir, assetsDir: dir, inputShape, task, seed: 5,
});

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerlens-csv-'));
  const rows = ['length,"width, cm",species'];
  for (let i = 0; i < 30; i++) rows.push(`${i},${2 * i + 1},${['setosa', 'versicolor', '"virginica"'][i % 3]}`);
  writeFileSync(join(dir, 'flowers.csv'), rows.join('\r\n') + '\r\n');
  writeFileSync(join(dir, 'houses.csv'), 'rooms,area,price\n' + Array.from({ length: 20 }, (_, i) => `${i % 5 + 1},${50 + 10 * i},${1000 * i}`).join('\n'));
  writeFileSync(join(dir, 'broken.csv'), 'a,b,label\n1,2,x\n3,oops,y\n');
  writeFileSync(join(dir, 'ragged.csv'), 'a,b,label\n1,2,x\n3,4\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('parseCsv handles quotes, doubled quotes, embedded commas/newlines, CRLF, BOM and blank lines', () => {
  const text = '\uFEFFname,note\r\n"Smith, J","said ""hi"""\n\nplain,"two\nlines"\r\n"",last';
  const records = parseCsv(text);
  assert.deepEqual(records.map((r) => r.fields), [
    ['name', 'note'],
    ['Smith, J', 'said "hi"'],
    ['plain', 'two\nlines'],
    ['', 'last'],
  ]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 4, 6]);
  assert.deepEqual(parseCsv('a,,c\n').map((r) => r.fields), [['a', '', 'c']]);
  assert.deepEqual(parseCsv('x\n""\n').map((r) => r.fields), [['x'], ['']], 'a quoted empty field is a record');
});

test('parseCsv reports unclosed quotes and stray text after a quote with the line', () => {
  assert.throws(() => parseCsv('a,b\n1,"open\n2,3', 'f.csv'), (e: Error) => e instanceof DataError && /f\.csv.*line 2/.test(e.message));
  assert.throws(() => parseCsv('a,b\n"x"y,2', 'g.csv'), /g\.csv, line 2.*closing quote/);
});

test('CSV classification: class names from the label column, standardised numeric features', async () => {
  const data = await loadDataset({ source: 'csv', path: 'flowers.csv', labelColumn: 'species', validationSplit: 0.2 }, ctx([2], 'classification'));
  try {
    assert.deepEqual(data.classNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(data.train.xs.shape, [24, 2]);
    assert.deepEqual(data.train.ys.shape, [24, 3]);
    assert.deepEqual(data.classCounts.validation, [2, 2, 2]);
    assert.deepEqual(data.featureScaling?.names, ['length', 'width, cm']);
    // Features and labels stay paired: length i has class i % 3.
    const xs = data.train.xs.arraySync() as number[][];
    const ys = data.train.ys.arraySync() as number[][];
    const scaling = data.featureScaling;
    assert.ok(scaling);
    xs.forEach((row, i) => {
      const [length = -1, width = -1] = unstandardise(row, scaling);
      assert.ok(Math.abs(width - (2 * length + 1)) < 1e-3);
      assert.equal((ys[i] ?? []).indexOf(1), Math.abs(Math.round(length)) % 3);
    });
  } finally {
    data.dispose();
  }
});

test('CSV regression: numeric label, chosen feature columns, target scaling', async () => {
  const data = await loadDataset({ source: 'csv', path: 'houses.csv', featureColumns: ['area'], labelColumn: 'price' }, ctx([1], 'regression'));
  try {
    assert.deepEqual(data.train.xs.shape, [18, 1]);
    assert.deepEqual(data.train.ys.shape, [18, 1]);
    assert.deepEqual(data.targetScaling?.names, ['price']);
    const featureScaling = data.featureScaling;
    const targetScaling = data.targetScaling;
    assert.ok(featureScaling && targetScaling);
    const areas = unstandardise([...data.train.xs.dataSync()], featureScaling);
    const prices = unstandardise([...data.train.ys.dataSync()], targetScaling);
    areas.forEach((area, i) => assert.ok(Math.abs((prices[i] ?? 0) - (area - 50) * 100) < 0.5));
  } finally {
    data.dispose();
  }
});

test('CSV errors name the file, line and column', async () => {
  const load = (path: string, extra: object = {}, shape = [2]) =>
    loadDataset({ source: 'csv', path, ...extra }, ctx(shape, 'classification'));
  await assert.rejects(load('missing.csv'), (e: Error) => e instanceof DataError && e.message.includes(join(dir, 'missing.csv')));
  await assert.rejects(load('flowers.csv', { labelColumn: 'colour' }), /label column 'colour' is not in the header \(it has 3 columns\)/);
  await assert.rejects(load('flowers.csv', { featureColumns: ['length', 'height'] }), /feature column 'height'/);
  await assert.rejects(load('broken.csv'), /broken\.csv, line 3, column 2 of 3: the value is not a number/);
  await assert.rejects(load('ragged.csv'), /ragged\.csv, line 3: 2 fields, but the header has 3/);
  await assert.rejects(load('flowers.csv', {}, [3]), /\[2\].*\[3\]/);
  await assert.rejects(loadDataset({ source: 'csv' }, ctx([2], 'classification')), /needs a 'path'/);
  await assert.rejects(load('.'), /is a folder/);
  await assert.rejects(
    loadDataset({ source: 'csv', path: 'flowers.csv', labelColumn: 'species' }, ctx([2], 'regression')),
    /line 2, column 3 of 3: the value is not a number/,
  );
});

test('CSV errors never echo the contents of the file (a data path may point at any file)', async () => {
  writeFileSync(join(dir, 'secret.csv'), 'root:x:0:0:SECRET-HEADER,b\nSECRET-CELL,2\n');
  const attempts = [
    loadDataset({ source: 'csv', path: 'secret.csv' }, ctx([1], 'regression')),
    loadDataset({ source: 'csv', path: 'secret.csv', labelColumn: 'nope' }, ctx([1], 'regression')),
    loadDataset({ source: 'csv', path: 'secret.csv', featureColumns: ['x'] }, ctx([1], 'classification')),
  ];
  for (const attempt of attempts) await assert.rejects(attempt, (e: Error) => e instanceof DataError && !/SECRET/.test(e.message));
});
