// Crash-safe file replacement: write a sibling temp file, fsync it, then rename over the target. A reader (or a
// process killed mid-write) sees either the old or the new content, never a torn file.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

let counter = 0;

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.${counter++}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    if (typeof content === 'string') writeSync(fd, content);
    else writeSync(fd, content, 0, content.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
