import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

const MODEL = 'lenet.model.yaml';
/** A test copy of the LeNet sample that trains in seconds: 600 digits, 2 epochs (so the epoch slider has stops). */
const quick = (text: string) => text.replace(/samples: \d+/, 'samples: 600').replace(/epochs: \d+/, 'epochs: 2');

/** 1-based line of the layer with this id in the model file. */
const lineOf = (text: string, id: string) => text.split('\n').findIndex((line) => line.includes(`id: ${id} `)) + 1;

async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}

/** The editor's cursor position as the status bar shows it, e.g. `Ln 9, Col 5`. */
async function cursorLine(page: Page): Promise<number> {
  const text = await page.locator('#status\\.editor\\.selection').first().textContent({ timeout: 10_000 }) ?? '';
  return Number(/Ln (\d+)/.exec(text)?.[1] ?? 'NaN');
}

test('Inspect Model shows the feature maps of a trained LeNet beside its file, linked both ways with the code', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    const modelPath = join(workspace, MODEL);
    const text = quick(readFileSync(modelPath, 'utf8'));
    writeFileSync(modelPath, text);
    execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', modelPath, '--backend', 'wasm', '--json'], { stdio: 'ignore' });

    await openFile(page, MODEL);
    await runCommand(page, 'LayerLens: Inspect Model');
    const frame = webviewFrame(page);

    // Validation example 3 from the thumbnail grid.
    await frame.locator('.thumb[data-index="3"]').click({ timeout: 180_000 });
    await frame.locator('.input-summary', { hasText: 'Validation example 3' }).waitFor({ timeout: 30_000 });
    const c1 = frame.locator('section.layer[data-layer="c1"]:not(.stale) canvas.channel');
    await c1.first().waitFor({ timeout: 120_000 });
    assert.equal(await c1.count(), 6, 'one canvas per filter of c1 (filters: 6)');

    // Clicking c3's header puts the editor's cursor on c3's line.
    await frame.locator('section.layer[data-layer="c3"] .layer-header').click();
    const c3Line = lineOf(text, 'c3');
    for (let i = 0; i < 50 && await cursorLine(page) !== c3Line; i++) await page.waitForTimeout(200);
    assert.equal(await cursorLine(page), c3Line, 'the cursor is on c3\'s line');

    // Moving the cursor onto f5's line highlights f5 in the panel.
    await page.keyboard.press('F1');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.fill(`:${lineOf(text, 'f5')}`);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50 && await cursorLine(page) !== lineOf(text, 'f5'); i++) await page.waitForTimeout(200);
    await frame.locator('section.layer.highlighted[data-layer="f5"]').waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => { await workbench.screenshot('inspector-failure'); throw error; });
    assert.equal(await frame.locator('section.layer.highlighted').count(), 1, 'only f5 is highlighted');

    await frame.locator('h1').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    console.log(`screenshot ${await workbench.screenshot('inspector')}`);
  } finally {
    await workbench.close();
  }
});
