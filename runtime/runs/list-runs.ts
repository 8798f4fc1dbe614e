// Lists the runs in a runs folder (newest first), optionally only those of one model file.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isOrphaned, readMeta, type RunMeta } from './meta';

export interface RunEntry {
  readonly runDir: string;
  readonly meta: RunMeta;
}

/**
 * Folders without a readable meta.json are skipped; a missing runs folder gives []. A `running` run whose process is
 * gone is listed as `crashed` (see isOrphaned); the file itself is left for the extension's markCrashed to change.
 */
export function listRuns(runsDir: string, modelFile?: string): RunEntry[] {
  let names: string[];
  try {
    names = readdirSync(runsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const wanted = modelFile === undefined ? undefined : resolve(modelFile);
  const runs: RunEntry[] = [];
  for (const name of names) {
    const runDir = join(runsDir, name);
    try {
      const read = readMeta(runDir);
      const meta: RunMeta = isOrphaned(read)
        ? { ...read, status: 'crashed', message: read.message ?? `its runtime (pid ${String(read.pid)}) is gone` }
        : read;
      if (wanted === undefined || resolve(meta.modelFile) === wanted) runs.push({ runDir, meta });
    } catch {
      // Not a run folder, or one whose meta.json is being created.
    }
  }
  // Newest first; folder names start with a sortable timestamp and break ties between equal start times.
  return runs.sort((a, b) => b.meta.startedAt.localeCompare(a.meta.startedAt) || b.runDir.localeCompare(a.runDir));
}
