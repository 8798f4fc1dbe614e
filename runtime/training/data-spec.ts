// The model file's `data` section (language DataSpec) → the data layer's DataSpec. The language also allows csv
// columns given by 0-based index; the data layer takes header names, so indices are looked up in the header.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv, type DataSpec as LoaderDataSpec } from '../data';
import type { DataSpec, Task, TrainSpec } from '../language';

/** The task the data is loaded for: reconstruction and gan models load labelled data and ignore the labels. */
export function dataTaskOf(task: Task): Exclude<Task, 'reconstruction' | 'gan'> {
  return task === 'reconstruction' || task === 'gan' ? 'classification' : task;
}

/** `data.validationSplit` wins over `train.validationSplit`; both absent leaves the data layer's default. */
export function toLoaderDataSpec(data: DataSpec, train: TrainSpec, baseDir: string): LoaderDataSpec {
  const validationSplit = data.validationSplit ?? train.validationSplit;
  const needsHeader = typeof data.labelColumn === 'number' || (data.featureColumns ?? []).some((c) => typeof c === 'number');
  const header = needsHeader && data.path !== undefined ? csvHeader(resolve(baseDir, data.path)) : [];
  const columnName = (column: string | number): string => {
    if (typeof column === 'string') return column;
    const name = header[column];
    if (name === undefined) throw new Error(`data: column index ${column} is beyond the CSV header (${header.length} columns)`);
    return name;
  };
  return {
    source: data.source,
    shuffleLabels: data.shuffleLabels,
    ...(validationSplit !== undefined ? { validationSplit } : {}),
    ...(data.path !== undefined ? { path: data.path } : {}),
    ...(data.labelColumn !== undefined ? { labelColumn: columnName(data.labelColumn) } : {}),
    ...(data.featureColumns !== undefined ? { featureColumns: data.featureColumns.map(columnName) } : {}),
    ...(data.imageSize !== undefined ? { imageSize: [data.imageSize[0], data.imageSize[1]] } : {}),
    ...(data.samples !== undefined ? { samples: data.samples } : {}),
    ...(data.noise !== undefined ? { noise: data.noise } : {}),
    ...(data.seed !== undefined ? { seed: data.seed } : {}),
    ...(data.classes !== undefined ? { keepClasses: [...data.classes] } : {}),
    ...(data.samplesPerClass !== undefined ? { samplesPerClass: data.samplesPerClass } : {}),
    ...(data.pretext !== undefined ? { pretext: data.pretext } : {}),
  };
}

function csvHeader(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // The data layer reports the missing file with its own message.
  }
  return (parseCsv(text, file)[0]?.fields ?? []).map((name) => name.trim());
}
