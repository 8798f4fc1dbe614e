// Bundles a worker thread's entry from source into a temporary folder, so that the benches need no prior build.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Bundles `entry` (a path from the repository root) to `<tmp>/<name>` and returns that path. */
export async function bundleWorker(entry: string, name: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'layerlens-bench-worker-')), name);
  await build({ entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return outfile;
}
