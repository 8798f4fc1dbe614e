// Crash-safe file replacement: write a sibling temp file, fsync it, then rename over the target. A reader (or a
// process killed mid-write) sees either the old or the new content, never a torn file. A failed write (ENOSPC)
// removes its temp file, so no `*.tmp` is left behind.
import { closeSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

let counter = 0;

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else writeSync(fd, content, 0, content.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Last resort when even a small new file cannot be written (disk full): rewrites an existing file in place, which
 * needs no new blocks when the content is no longer than the file was. Not atomic; used only for a final status.
 */
export function overwriteInPlace(path: string, content: string): void {
  const fd = openSync(path, 'r+');
  try {
    const bytes = Buffer.from(content, 'utf8');
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
