import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { sleep } from '../host/code-server';
import { EXTENSION_ID, openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

/** Opens a workspace file from the Explorer. */
async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}

const validationSize = (runDir: string): number =>
  (JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8')) as { data: { validationSize: number } }).data.validationSize;

/** The evaluated column's confusion cells: their counts sum to the validation count; a cell's click shows its examples. */
async function checkConfusion(frame: FrameLocator, expectedTotal: number): Promise<void> {
  const column = frame.locator('.evaluation-column[data-task="classification"]').first();
  await column.waitFor({ timeout: 180_000 });
  const counts = (await column.locator('td.cell').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.count))));
  assert.equal(counts.reduce((a, b) => a + b, 0), expectedTotal, `cells ${counts.join(', ')}`);
  // An off-diagonal cell with examples when there is one (the mistakes), else the largest.
  const cells = column.locator('td.cell');
  let target = -1;
  for (let i = 0; i < counts.length; i++) {
    const diagonal = await cells.nth(i).evaluate((c) => c.classList.contains('diagonal'));
    if ((counts[i] ?? 0) > 0 && !diagonal) { target = i; break; }
  }
  if (target < 0) target = counts.indexOf(Math.max(...counts));
  await cells.nth(target).click();
  const expected = Math.min(counts[target] ?? 0, 12);
  await column.locator('.cell-examples .thumb').nth(expected - 1).waitFor({ timeout: 30_000 });
  assert.equal(await column.locator('.cell-examples .thumb').count(), expected);
}

test('XOR: the decision boundary changes while training; once stopped, the confusion matrix sums to the validation split and a cell shows its examples', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    const modelPath = join(workspace, 'mlp-xor.model.yaml');
    // Long enough that the run is still training however late the panel loads (it is stopped once enough is seen).
    writeFileSync(modelPath, readFileSync(modelPath, 'utf8').replace(/epochs: \d+/, 'epochs: 4000'));
    await openFile(page, 'mlp-xor.model.yaml');
    await runCommand(page, 'LayerLens: Train Model');
    const frame = webviewFrame(page);
    await frame.locator('tr[data-live="true"]').waitFor({ timeout: 120_000 });
    const canvas = frame.locator('.evaluation-column canvas.boundary-canvas').first();
    await canvas.waitFor({ timeout: 60_000 });
    const pixels = (): Promise<{ url: string; at: string }> =>
      canvas.evaluate((c) => ({ url: (c as HTMLCanvasElement).toDataURL(), at: `${c.dataset.epoch ?? ''}/${c.dataset.batch ?? ''}` }));
    await frame.locator('.evaluation-column canvas.boundary-canvas[data-epoch]').first().waitFor({ timeout: 60_000 });
    const first = await pixels();
    let later = first;
    for (let i = 0; i < 300 && later.url === first.url; i++) {
      await sleep(200);
      later = await pixels();
    }
    assert.notEqual(later.url, first.url, `the boundary canvas changed while training (first frame ${first.at}, last ${later.at})`);
    // The picture for people: mid-training, once the hidden layer has bent the boundary (epoch 20).
    for (let i = 0; i < 600 && Number((await pixels()).at.split('/')[0]) < 20; i++) await sleep(200);
    await canvas.scrollIntoViewIfNeeded();
    console.log(`boundary at ${first.at}, then ${later.at}, shown at ${(await pixels()).at}; screenshot ${await workbench.screenshot('decision-boundary-xor')}`);

    // Enough seen: stop the run (4000 epochs would take minutes); a stopped run is evaluated like a completed one.
    await runCommand(page, 'LayerLens: Stop Training');
    const [runId] = readdirSync(join(workspace, '.layerlens', 'runs'));
    const runDir = join(workspace, '.layerlens', 'runs', runId ?? '');
    await frame.locator(`tr[data-run-id="${runId ?? ''}"][data-status="stopped"]`).waitFor({ timeout: 120_000 });
    await checkConfusion(frame, validationSize(runDir));
    await frame.locator('.evaluation-column .cell-examples').first().scrollIntoViewIfNeeded();
    console.log(`screenshot ${await workbench.screenshot('evaluation-xor')}`);
    // A thumbnail opens its example in the Inspector (a new editor tab), selected as the Inspector's input (not
    // example 0, which the Inspector would show anyway).
    const thumb = frame.locator('.evaluation-column .cell-examples .thumb:not([data-index="0"])').first();
    const index = await thumb.getAttribute('data-index') ?? '';
    await thumb.click();
    await page.locator('.tabs-container .tab', { hasText: `Inspect` }).first().waitFor({ timeout: 60_000 });
    await inspectorShowing(page, `Validation example ${index} ·`);
  } finally {
    await workbench.close();
  }
});

/** Waits until one of the extension's webviews is the Inspector with `summary` in its input line (the Training panel stays open too). */
async function inspectorShowing(page: Page, summary: string): Promise<void> {
  const frames = page.locator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`);
  for (let i = 0; i < 300; i++) {
    for (let n = 0; n < await frames.count(); n++) {
      const text = await page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).nth(n).frameLocator('#active-frame')
        .locator('.input-summary').textContent({ timeout: 1_000 }).catch(() => null);
      if (text?.includes(summary)) return;
    }
    await sleep(200);
  }
  assert.fail(`no Inspector shows "${summary}"`);
}

test('LeNet: the confusion matrix of a short MNIST run, with its examples and most confident mistakes', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    // A stratified 2,000-digit subset and one epoch: enough for a matrix with mistakes, quick on two CPU cores.
    const modelPath = join(workspace, 'lenet.model.yaml');
    writeFileSync(modelPath, readFileSync(modelPath, 'utf8').replace(/samples: \d+/, 'samples: 2000'));
    execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', modelPath, '--epochs', '1', '--json'], { stdio: 'ignore' });
    const [runId] = readdirSync(join(workspace, '.layerlens', 'runs'));
    const runDir = join(workspace, '.layerlens', 'runs', runId ?? '');
    await openFile(page, 'lenet.model.yaml');
    await runCommand(page, 'LayerLens: Show Training Panel');
    const frame = webviewFrame(page);
    await checkConfusion(frame, validationSize(runDir));
    await frame.locator('.evaluation-column .mistakes .thumb').first().waitFor({ timeout: 30_000 });
    await frame.locator('.evaluation-column table.confusion-matrix').first().scrollIntoViewIfNeeded();
    console.log(`screenshot ${await workbench.screenshot('evaluation-lenet')}`);
    await frame.locator('.evaluation-column .mistakes').first().scrollIntoViewIfNeeded();
    console.log(`screenshot ${await workbench.screenshot('evaluation-lenet-mistakes')}`);
  } finally {
    await workbench.close();
  }
});
