// Where a model's `data.path` points, relative to its workspace folder. Pure (no vscode) so it is unit-testable.
import { isAbsolute, relative, resolve } from 'node:path';

/** The resolved data path when it lies outside `folder` (symbolic `..` included); undefined when inside. */
export function dataPathOutside(modelFile: string, dataPath: string, folder: string): string | undefined {
  const target = resolve(modelFile, '..', dataPath);
  const rel = relative(resolve(folder), target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? undefined : target;
}
