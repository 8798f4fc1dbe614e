// Run folders: `<runsDir>/<timestamp>-<name>/`, timestamp in local time like `20261126-221530`; a second run
// started in the same second gets `-2`, `-3`, … (mkdir without `recursive` fails on an existing folder, so two
// processes cannot claim the same name).
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** `20261126-221530` in local time. */
export function runTimestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

/** A model name made safe for a folder name: letters, digits, `-`, `_`, `.`; at most 60 characters. */
export function folderSafeName(name: string): string {
  const safe = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60);
  return safe === '' ? 'model' : safe;
}

/** Creates a new, empty run folder and returns its absolute path. */
export function createRunDir(runsDir: string, modelName: string, date: Date): string {
  mkdirSync(runsDir, { recursive: true });
  const base = `${runTimestamp(date)}-${folderSafeName(modelName)}`;
  for (let attempt = 1; ; attempt++) {
    const dir = join(runsDir, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 10_000) throw error;
    }
  }
}

/** The run id is the run folder's base name. */
export function runIdOf(runDir: string): string {
  return basename(runDir);
}
