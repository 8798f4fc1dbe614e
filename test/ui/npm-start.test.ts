import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, sleep } from '../host/code-server';
import { ROOT } from './workbench';

/** Resolves with the URL and password once `npm start` prints them; rejects if it exits first. */
function waitForUrl(child: ReturnType<typeof spawn>, output: () => string): Promise<{ url: string; password: string }> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const url = /running in code-server at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output())?.[1];
      const password = /password: (\S+)/.exec(output())?.[1];
      if (url && password) resolve({ url, password });
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`npm start exited (${String(code)}) before printing a URL:\n${output()}`)));
  });
}

test('npm start without desktop VS Code serves samples/ in code-server with the packaged extension installed; Ctrl-C stops it', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'layerlens-start-'));
  // As on a machine without `code`: the code-server mode, its state in a scratch folder, no browser of its own.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LAYERLENS_START: 'code-server', LAYERLENS_NO_BROWSER: '1', LAYERLENS_START_DIR: join(scratch, 'state') },
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d: Buffer) => chunks.push(d));
  const output = (): string => Buffer.concat(chunks).toString();
  const browserEnv = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_CACHE_HOME: join(scratch, 'cache'), TMPDIR: scratch };
  mkdirSync(join(scratch, 'config'));
  const browser = await launchChromium(browserEnv);
  try {
    const { url, password } = await waitForUrl(child, output);
    assert.match(url, /\?folder=.*samples$/, 'samples/ is the workspace');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    // Password auth: the login page first, then the workbench.
    await page.locator('input[type="password"]').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-workbench .statusbar').waitFor({ timeout: 180_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'lenet.model.yaml' }).first().waitFor({ timeout: 60_000 });

    // The command palette lists what the workbench has registered when it opens (and re-filters only when its text
    // changes). Under load code-server shows the explorer seconds before it has scanned the extensions, so a palette
    // opened that early says "No matching commands" and keeps saying it however often the same text is typed again:
    // close it and open it afresh until the extension's commands are there, as a user would.
    const wanted = ['LayerLens: Train Model', 'LayerLens: About', 'LayerLens: Show Training Panel'];
    let labels: string[] = [];
    let opened = 0;
    const input = page.locator('.quick-input-widget input');
    for (; opened < 60 && !wanted.every((w) => labels.includes(w)); opened++) {
      if (opened > 0) {
        await page.keyboard.press('Escape');
        await sleep(1000);
      }
      await page.keyboard.press('F1');
      try { await input.waitFor({ timeout: 5000 }); } catch { continue; }
      await input.fill('>LayerLens:');
      try { await page.locator('.quick-input-list .monaco-list-row', { hasText: wanted[0] }).first().waitFor({ timeout: 3000 }); } catch { /* not yet */ }
      labels = (await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents()).map((t) => t.trim());
    }
    const shot = join(ROOT, 'test-results', 'npm-start-palette.png');
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: shot });
    console.log(`palette (opened ${opened} times): ${labels.join(' | ')}; screenshot ${shot}`);
    // The packaged extension is what this code-server has installed (its own extensions folder).
    const listed = spawnSync(process.env.CODE_SERVER_BIN ?? 'code-server', ['--list-extensions',
      '--extensions-dir', join(scratch, 'state', 'extensions'), '--user-data-dir', join(scratch, 'state', 'user-data')], { encoding: 'utf8' });
    assert.match(listed.stdout, /layerlens\.layerlens/, `installed extensions: ${listed.stdout} ${listed.stderr}`);
    assert.deepEqual(wanted.filter((label) => !labels.includes(label)), [], `the palette lists the LayerLens commands; it showed: ${labels.join(' | ')}`);

    // Ctrl-C: npm start exits and takes code-server with it.
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0, output());
    const origin = new URL(url).origin;
    let stillUp = true;
    for (let i = 0; i < 50 && stillUp; i++) {
      try { await fetch(`${origin}/healthz`); await sleep(200); } catch { stillUp = false; }
    }
    assert.equal(stillUp, false, 'code-server no longer answers');
  } finally {
    await browser.close();
    // Ctrl-C as the user would, so that npm start also stops code-server's process group.
    if (child.exitCode === null) {
      child.kill('SIGINT');
      for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(200);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
});
