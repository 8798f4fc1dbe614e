// The `csv` source: a header row, numeric feature columns, and a label column holding a class name
// (classification) or a number (regression). Features (and regression targets) are standardised.
import { readFile } from 'node:fs/promises';
import { DataError } from './errors';
import { parseCsv, type CsvRecord } from './csvParse';
import type { RawExamples } from './raw';
import type { Task } from './types';

export interface CsvOptions {
  file: string;
  labelColumn: string | undefined;
  featureColumns: string[] | undefined;
  task: Task;
}

export async function loadCsv(options: CsvOptions): Promise<RawExamples> {
  const { file } = options;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder, not a CSV file' : 'cannot be read (missing?)';
    throw new DataError(`The CSV file ${file} ${why}.`, file);
  }
  const [header, ...rows] = parseCsv(text, file);
  if (!header) throw new DataError(`The CSV file ${file} is empty; it needs a header row and data rows.`, file);
  if (rows.length === 0) throw new DataError(`The CSV file ${file} has a header but no data rows.`, file);
  const columns = header.fields.map((name) => name.trim());
  const { labelIndex, featureIndices } = chooseColumns(columns, options);

  const features = new Float32Array(rows.length * featureIndices.length);
  const rawLabels: string[] = [];
  rows.forEach((record, row) => {
    if (record.fields.length !== columns.length) {
      throw new DataError(`${file}, line ${record.line}: ${record.fields.length} fields, but the header has ${columns.length}.`, file);
    }
    featureIndices.forEach((column, k) => {
      features[row * featureIndices.length + k] = numberAt(record, column, columns, file);
    });
    rawLabels.push((record.fields[labelIndex] ?? '').trim());
  });
  const featureNames = featureIndices.map((i) => columns[i] ?? '');
  const base = {
    features,
    sampleShape: [featureIndices.length],
    count: rows.length,
    standardiseFeatures: { names: featureNames, units: featureNames.map(() => '') },
  };
  const labelName = columns[labelIndex] ?? '';
  switch (options.task) {
    case 'regression': {
      const values = Float32Array.from(rows, (record) => numberAt(record, labelIndex, columns, file));
      return { ...base, targets: { type: 'values', values, names: [labelName], units: [''], standardise: true } };
    }
    case 'classification': {
      // Natural order: '2' before '10', 'cat' before 'dog'; stable whatever the row order.
      const classNames = [...new Set(rawLabels)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      if (classNames.length < 2) {
        throw new DataError(`${file}: label column '${labelName}' needs at least 2 classes, found ${classNames.length}.`, file);
      }
      const indexOf = new Map(classNames.map((name, i) => [name, i]));
      const labels = Int32Array.from(rawLabels, (label) => indexOf.get(label) ?? 0);
      return { ...base, targets: { type: 'classes', labels, classNames } };
    }
    case 'segmentation':
      throw new DataError(`CSV data cannot train a segmentation model; use classification or regression.`, file);
    default: {
      const unreachable: never = options.task;
      return unreachable;
    }
  }
}

function chooseColumns(columns: string[], options: CsvOptions): { labelIndex: number; featureIndices: number[] } {
  const { file } = options;
  // Messages name columns by the user's own words or by number, never by the file's text: a data path pointing at
  // some other file (/etc/passwd) must not get its contents echoed into an error.
  const listed = `${columns.length} columns`;
  const indexOfColumn = (name: string, role: string): number => {
    const index = columns.indexOf(name.trim());
    if (index < 0) throw new DataError(`${file}: ${role} column '${name}' is not in the header (it has ${listed}).`, file);
    return index;
  };
  const labelIndex = options.labelColumn === undefined ? columns.length - 1 : indexOfColumn(options.labelColumn, 'label');
  const featureIndices = options.featureColumns === undefined
    ? columns.map((_, i) => i).filter((i) => i !== labelIndex)
    : options.featureColumns.map((name) => indexOfColumn(name, 'feature'));
  if (featureIndices.length === 0) throw new DataError(`${file}: no feature columns (the header has ${listed}).`, file);
  if (featureIndices.includes(labelIndex)) {
    throw new DataError(`${file}: column ${labelIndex + 1} is both the label and a feature.`, file);
  }
  return { labelIndex, featureIndices };
}

function numberAt(record: CsvRecord, column: number, columns: string[], file: string): number {
  const text = (record.fields[column] ?? '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    const what = text === '' ? 'is empty' : 'is not a number';
    throw new DataError(`${file}, line ${record.line}, column ${column + 1} of ${columns.length}: the value ${what}.`, file);
  }
  return value;
}
