// The model files whose runs the Training panel can overlay on its own file's ("Compare with…"): every other model
// file with runs in the workspace's runs folder. Pure Node (no vscode), unit-tested.
import { resolve } from 'node:path';
import type { RunFolders } from '../runs/run-folders';

export interface OtherModelFile {
  /** Absolute path, as the runs' meta.json names it. */
  readonly file: string;
  readonly runs: number;
  /** ISO start of its newest run. */
  readonly newest: string;
}

/** Model files other than `modelFile` with runs in `runsDir`, the most recently trained first. */
export async function otherModelFiles(folders: RunFolders, runsDir: string, modelFile: string): Promise<OtherModelFile[]> {
  const own = resolve(modelFile);
  const byFile = new Map<string, { runs: number; newest: string }>();
  for (const { meta } of await folders.listRuns(runsDir)) {
    const file = resolve(meta.modelFile);
    if (file === own) continue;
    const entry = byFile.get(file);
    byFile.set(file, { runs: (entry?.runs ?? 0) + 1, newest: entry && entry.newest > meta.startedAt ? entry.newest : meta.startedAt });
  }
  return [...byFile].map(([file, entry]) => ({ file, ...entry }))
    .sort((a, b) => b.newest.localeCompare(a.newest) || a.file.localeCompare(b.file));
}
