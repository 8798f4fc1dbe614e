// Compiles test/<tier>/**/*.ts to out/test/<tier>/ with esbuild (one bundle per test file, packages external),
// so `node --test` and mocha run plain JavaScript with source maps.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);

export async function buildTests(tier) {
  const entryPoints = walk(join('test', tier)).filter((f) => f.endsWith('.ts'));
  rmSync(join('out', 'test', tier), { recursive: true, force: true });
  await build({
    entryPoints, outbase: 'test', outdir: 'out/test', bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: 'inline', packages: 'external', external: ['vscode'], logLevel: 'warning',
    // The code-server host is started as an executable by test-electron.
    banner: tier === 'host' ? { js: '#!/usr/bin/env node' } : {},
  });
}
