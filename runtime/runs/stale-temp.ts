// `*.tmp` files and folders are what a write left when the process died mid-write (SIGKILL, power loss). They are
// removed when the run next starts (resume) and when any run starts in the same runs folder.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isOrphaned, readMeta } from './meta';
import { RUN_FILES } from './run-files';

/** Removes `*.tmp` entries in the run folder and its checkpoints folder; returns the names removed. */
export function removeStaleTemp(runDir: string): string[] {
  const removed: string[] = [];
  for (const dir of [runDir, join(runDir, RUN_FILES.checkpoints)]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      try {
        rmSync(join(dir, name), { recursive: true, force: true });
        removed.push(name);
      } catch {
        // Another process may hold it; the next start tries again.
      }
    }
  }
  return removed;
}

/** Sweeps every run folder of `runsDir` that no live process is writing (ended, crashed or orphaned runs). */
export function removeStaleTempInRuns(runsDir: string): void {
  let names: string[];
  try {
    names = readdirSync(runsDir);
  } catch {
    return;
  }
  for (const name of names) {
    const runDir = join(runsDir, name);
    try {
      const meta = readMeta(runDir);
      if (meta.status === 'running' && !isOrphaned(meta)) continue;
    } catch {
      continue; // not a run folder
    }
    removeStaleTemp(runDir);
  }
}
