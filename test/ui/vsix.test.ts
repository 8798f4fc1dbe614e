import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, ROOT, runCommand } from './workbench';

test('the packaged .vsix installs into code-server and Show Runtime Info works from it', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'layerlens-vsix-'));
  try {
    const vsix = join(scratch, 'layerlens.vsix');
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
      { cwd: ROOT, stdio: 'inherit' });
    console.log(`vsix size: ${statSync(vsix).size} bytes`);
    const extensionsDir = join(scratch, 'extensions');
    const bin = process.env.CODE_SERVER_BIN ?? 'code-server';
    execFileSync(bin, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'user')],
      { stdio: 'inherit', env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data') } });
    assert.ok(readdirSync(extensionsDir).some((d) => d.startsWith('layerlens.layerlens-')), 'installed into the extensions folder');

    const workbench = await openWorkbench({ extensionsDir });
    try {
      await runCommand(workbench.page, 'LayerLens: Show Runtime Info');
      const toast = workbench.page.locator('.notification-toast', { hasText: 'LayerLens: TensorFlow.js' });
      await toast.waitFor({ timeout: 90_000 });
      const text = (await toast.textContent()) ?? '';
      await workbench.screenshot('vsix-runtime-info');
      assert.match(text, /TensorFlow\.js \d+\.\d+\.\d+ on (cuda|webgpu|tensorflow|wasm|cpu) \(/);
    } finally {
      await workbench.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
