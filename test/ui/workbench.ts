/**
 * Playwright helpers for the UI tier: code-server with this extension linked into its extensions folder, a
 * workspace copied from samples/, the command palette, and the webviews' nested iframes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium, sleep, startCodeServer, type CodeServer } from '../host/code-server';

export const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens code-server on a fresh copy of samples/. By default the extension is this checkout, linked into a new
 * extensions folder; `extensionsDir` uses a folder prepared by the caller instead (e.g. with the .vsix installed).
 * `files` are written into the workspace before it opens (name → text).
 */
export async function openWorkbench(options: { extensionsDir?: string; files?: Readonly<Record<string, string>> } = {}): Promise<Workbench> {
  const scratch = mkdtempSync(join(tmpdir(), 'layerlens-ui-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), text);
  let extensionsDir = options.extensionsDir;
  if (!extensionsDir) {
    extensionsDir = join(scratch, 'extensions');
    mkdirSync(extensionsDir);
    symlinkSync(ROOT, join(extensionsDir, `${EXTENSION_ID}-${manifest.version}`));
  }
  const server: CodeServer = await startCodeServer({ extensionsDir });
  const browser: Browser = await launchChromium(server.env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .statusbar').waitFor({ timeout: 120_000 });
  return {
    page, workspace,
    screenshot: async (name) => {
      const path = join(ROOT, 'test-results', `${name}.png`);
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path });
      return path;
    },
    close: async () => {
      await browser.close();
      server.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Runs a command from the palette, retrying while the extension host is still registering its commands. */
export async function runCommand(page: Page, label: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      await page.keyboard.press('Escape');
      await sleep(1000);
    }
  }
  throw new Error(`command "${label}" never appeared in the palette`);
}

/** The content frame of this extension's webview (the Welcome page has a webview too, hence the filter). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('#active-frame');
}

/** Opens a workspace file from the Explorer (quick open depends on the file search being ready; this does not). */
export async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}
