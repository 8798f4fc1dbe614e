import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { openWorkbench, runCommand, webviewFrame } from './workbench';

const BACKENDS = ['cuda', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

test('LayerLens: About shows the runtime backend in a webview in the active column', async () => {
  const workbench = await openWorkbench();
  try {
    await runCommand(workbench.page, 'LayerLens: About');
    const backend = webviewFrame(workbench.page).locator('dd[data-field="backend"]');
    await backend.waitFor({ timeout: 90_000 });
    const name = (await backend.textContent())?.trim() ?? '';
    const shot = await workbench.screenshot('about');
    console.log(`about panel shows backend "${name}"; screenshot ${shot}`);
    assert.ok(BACKENDS.includes(name), `unexpected backend "${name}"`);
    const version = (await webviewFrame(workbench.page).locator('dd[data-field="tensorflow-js"]').textContent())?.trim() ?? '';
    assert.match(version, /^\d+\.\d+\.\d+$/);
  } finally {
    await workbench.close();
  }
});
