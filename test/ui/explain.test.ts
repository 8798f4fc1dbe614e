// Explain view on a LeNet trained in the test: Grad-CAM overlaid on a digit beside the model file, compared side by
// side with saliency, the top classes listed; clicking another class explains it. Saves a screenshot. Then the layer
// picker's link with the editor, both ways, and one activation maximization drawn as its evolution.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

const MODEL = 'lenet.model.yaml';
const quick = (text: string) => text.replace(/samples: \d+/, 'samples: 600').replace(/epochs: \d+/, 'epochs: 2');

/** 1-based line of the layer with this id in the model file. */
const lineOf = (text: string, id: string) => text.split('\n').findIndex((line) => line.includes(`id: ${id} `)) + 1;

/** The cursor's line as the model file's editor draws it: its active line number. */
async function activeLine(page: Page): Promise<number> {
  const text = await page.locator('.editor-instance .monaco-editor .line-numbers.active-line-number').first().textContent({ timeout: 10_000 });
  return Number(text ?? 'NaN');
}

async function waitForLine(page: Page, line: number): Promise<void> {
  for (let i = 0; i < 50 && await activeLine(page).catch(() => NaN) !== line; i++) await page.waitForTimeout(200);
}

/** Pixels of a canvas that are not fully transparent: 0 for a canvas nothing was drawn on. */
async function paintedPixels(frame: FrameLocator, selector: string): Promise<number> {
  return frame.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}

/** Distinct colours on the overlay canvas: a drawn map over a digit has many; a blank canvas has one. */
async function distinctColours(frame: FrameLocator, index: number): Promise<number> {
  return frame.locator('canvas.explain-overlay').nth(index).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return seen.size;
  });
}

test('Explain → Grad-CAM on a trained LeNet: overlay drawn, top class listed, compared with saliency', async () => {
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
    await frame.locator('.thumb[data-index="3"]').click({ timeout: 180_000 });
    await frame.locator('.tab[data-view="explain"]').click();

    const panes = frame.locator('.explain-panes:not(.stale) figure.explain-pane');
    await frame.locator('.explain-panes:not(.stale) canvas.explain-overlay').nth(1).waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => { await workbench.screenshot('explain-failure'); throw error; });
    assert.equal(await panes.count(), 2, 'Grad-CAM and the compared method side by side');
    assert.match(await panes.nth(0).locator('figcaption').textContent() ?? '', /Grad-CAM/);
    assert.match(await panes.nth(1).locator('figcaption').textContent() ?? '', /Saliency/);
    assert.ok(await distinctColours(frame, 0) > 10, 'the Grad-CAM overlay is drawn over the digit');

    const classes = frame.locator('.explain-classes .explain-class');
    assert.equal(await classes.count(), 5, 'top-5 classes');
    assert.match(await classes.nth(0).textContent() ?? '', /\d+\.\d%/);
    assert.equal(await classes.nth(0).getAttribute('aria-pressed'), 'true', 'the predicted class is explained by default');

    // Clicking the second class explains it.
    await classes.nth(1).click();
    await frame.locator('.explain-classes .explain-class[aria-pressed="true"]').nth(0).waitFor({ timeout: 60_000 });
    await frame.locator('.explain-panes:not(.stale) canvas.explain-overlay').nth(1).waitFor({ timeout: 120_000 });
    assert.equal(await frame.locator('.explain-classes .explain-class').nth(1).getAttribute('aria-pressed'), 'true');

    await classes.nth(0).click();
    await frame.locator('.explain-panes:not(.stale) canvas.explain-overlay').nth(1).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(500);
    console.log(`screenshot ${await workbench.screenshot('explain')}`);

    // Choosing a layer in the picker reveals its line in the editor.
    const layerPicker = frame.locator('vscode-dropdown.explain-layer');
    await layerPicker.click();
    await layerPicker.locator('vscode-option[value="c1"]').click();
    await waitForLine(page, lineOf(text, 'c1'));
    assert.equal(await activeLine(page), lineOf(text, 'c1'), 'the editor\'s cursor is on c1\'s line');
    await frame.locator('.explain-panes:not(.stale) canvas.explain-overlay').nth(1).waitFor({ timeout: 120_000 });

    // The cursor on a conv line selects that layer in the picker.
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`:${lineOf(text, 'c3')}`);
    await page.keyboard.press('Enter');
    await waitForLine(page, lineOf(text, 'c3'));
    const pickedLayer = () => frame.locator('vscode-dropdown.explain-layer').evaluate((element) => (element as HTMLElement & { value: string }).value);
    for (let i = 0; i < 50 && await pickedLayer() !== 'c3'; i++) await page.waitForTimeout(200);
    assert.equal(await pickedLayer(), 'c3', 'the picker follows the cursor onto c3');

    // Activation maximization of the explained class: the snapshots of its evolution and the score curve are drawn.
    await frame.locator('input.maximize-steps').fill('24');
    await frame.locator('.maximize-run').click();
    await frame.locator('.maximize-snapshot canvas').nth(1).waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => { await workbench.screenshot('explain-maximize-failure'); throw error; });
    const steps = await frame.locator('.maximize-snapshot').evaluateAll((figures) => figures.map((f) => Number((f as HTMLElement).dataset['step'])));
    assert.equal(steps.at(-1), 24, `the last snapshot is the last step (${steps.join(', ')})`);
    assert.ok(steps.length >= 2 && steps.every((step, i) => i === 0 || step > (steps[i - 1] ?? Infinity)), 'snapshots in step order');
    assert.ok(await paintedPixels(frame, 'canvas.maximize-score') > 100, 'the score curve is drawn');
    assert.match(await frame.locator('.maximize-status').textContent() ?? '', /→ .* over 24 steps/);
    await frame.locator('.explain-maximize').scrollIntoViewIfNeeded();
    console.log(`screenshot ${await workbench.screenshot('explain-maximize')}`);
  } finally {
    await workbench.close();
  }
});
