// What `vsce package` would pack: run folders trained on the samples never ship, the samples themselves do.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

test('.vscodeignore keeps samples/.layerlens out of the .vsix and the samples in', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'layerlens-pack-'));
  try {
    for (const file of ['package.json', '.vscodeignore', 'README.md', 'LICENSE']) cpSync(file, join(scratch, file));
    cpSync('samples', join(scratch, 'samples'), { recursive: true, filter: (src) => !src.includes('.layerlens') });
    mkdirSync(join(scratch, 'samples', '.layerlens', 'runs', 'r1'), { recursive: true });
    writeFileSync(join(scratch, 'samples', '.layerlens', 'runs', 'r1', 'meta.json'), '{}');
    mkdirSync(join(scratch, 'dist'));
    writeFileSync(join(scratch, 'dist', 'extension.js'), '');
    const listed = execFileSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'],
      { cwd: scratch, encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter((l) => l !== '');
    assert.deepEqual(listed.filter((f) => f.includes('.layerlens')), [], 'no run files');
    assert.ok(listed.includes('samples/lenet.model.yaml'), listed.join(', '));
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configurationDefaults?: Record<string, unknown> } };
    assert.deepEqual(manifest.contributes.configurationDefaults?.['files.exclude'], { '**/.layerlens': true }, 'hidden in the Explorer');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
