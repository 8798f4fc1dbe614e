import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

/** Test copies of the samples that train in seconds: 600 digits, 2 epochs. */
const quick = (text: string) => text.replace(/samples: \d+/, 'samples: 600').replace(/epochs: \d+/, 'epochs: 2');

function trainAndMeasure(workspace: string, file: string): void {
  const path = join(workspace, file);
  writeFileSync(path, quick(readFileSync(path, 'utf8')));
  const cli = join(ROOT, 'dist/cli.js');
  const out = execFileSync(process.execPath, [cli, 'train', path, '--backend', 'wasm', '--json'], { encoding: 'utf8' });
  const { runDir } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { runDir: string };
  execFileSync(process.execPath, [cli, 'robustness', runDir, '--attack', 'fgsm', '--epsilons', '0,0.05,0.1,0.2', '--backend', 'wasm', '--json'], { stdio: 'ignore' });
}

async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}

const pixelsOf = (frame: FrameLocator, selector: string): Promise<string> => frame.locator(selector).evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());

/** What the view shows now: the adversarial canvas's pixels, the "after" probabilities and the Grad-CAM overlays. */
async function shown(frame: FrameLocator): Promise<{ image: string; after: string; epsilon: string; camBefore: string; camAfter: string }> {
  const image = await pixelsOf(frame, 'canvas.adv-adversarial');
  const after = (await frame.locator('.adv-predictions .prob-after').allTextContents()).join(' ');
  return {
    image, after, epsilon: await frame.locator('.epsilon-value').textContent() ?? '',
    camBefore: await pixelsOf(frame, 'canvas.adv-gradcam-before'), camAfter: await pixelsOf(frame, 'canvas.adv-gradcam-after'),
  };
}

/** Waits until the Grad-CAM pair of the attack at `epsilon` is drawn (the figures carry the ε they were computed at). */
async function gradCamsFor(frame: FrameLocator, epsilon: string): Promise<void> {
  await frame.locator('.adv-summary .linf', { hasText: `ε = ${epsilon}` }).waitFor({ timeout: 60_000 });
  await frame.locator(`.adv-gradcam-figure[data-epsilon="${epsilon}"] canvas.adv-gradcam-before`).waitFor({ timeout: 60_000 });
  await frame.locator(`.adv-gradcam-figure[data-epsilon="${epsilon}"] canvas.adv-gradcam-after`).waitFor({ timeout: 60_000 });
  // The "after" map explains the class the adversarial input is predicted as.
  const predictedAfter = await frame.locator('.adv-predictions tr.predicted-after').getAttribute('data-class') ?? '';
  await frame.locator('.adv-gradcam-figure figcaption', { hasText: `Grad-CAM after · class ${predictedAfter}` }).waitFor({ timeout: 60_000 });
}

test('Adversarial view: dragging ε changes the adversarial image, the probabilities and the Grad-CAM after the attack; curves of a normal and an adversarially trained run', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    trainAndMeasure(workspace, 'adversarial-training.model.yaml');
    trainAndMeasure(workspace, 'lenet.model.yaml');
    assert.equal(readdirSync(join(workspace, '.layerlens', 'runs')).length, 2);

    await openFile(page, 'lenet.model.yaml');
    await runCommand(page, 'LayerLens: Inspect Model');
    const frame = webviewFrame(page);
    await frame.locator('.tab[data-view="adversarial"]').click({ timeout: 180_000 });
    const slider = frame.locator('input.epsilon-slider');
    await frame.locator('.adv-predictions .prob-after').first().waitFor({ timeout: 120_000 });
    await slider.fill('0.02');
    await frame.locator('.epsilon-value', { hasText: '0.02' }).waitFor();
    await gradCamsFor(frame, '0.02');
    const before = await shown(frame);

    // Drag the slider's thumb most of the way right: the attack re-runs as it moves (latest wins).
    const box = await slider.boundingBox();
    assert.ok(box, 'the slider is visible');
    await page.mouse.move(box.x + box.width * 0.07, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width * (0.07 + step * 0.08), box.y + box.height / 2);
    await page.mouse.up();
    const epsilon = await frame.locator('.epsilon-value').textContent() ?? '';
    assert.ok(Number(epsilon) > 0.2, `dragged to ε = ${epsilon}`);
    await frame.locator('.adv-summary .flip').waitFor({ timeout: 60_000 });
    await gradCamsFor(frame, epsilon);
    const after = await shown(frame);
    assert.notEqual(after.image, before.image, 'the adversarial canvas changed');
    assert.notEqual(after.after, before.after, 'the probabilities after the attack changed');
    // Grad-CAM before | after: both drawn for this ε; the flipped prediction's map differs from the clean one and
    // from its own at the small ε.
    assert.notEqual(after.camAfter, after.camBefore, 'the adversarial Grad-CAM differs from the clean one');
    assert.notEqual(after.camAfter, before.camAfter, 'the adversarial Grad-CAM changed with ε');

    // Robust accuracy of this run, overlaid on the stored curves (lenet's own, and the adversarially trained run's).
    await frame.locator('input.robustness-samples').fill('60');
    await frame.locator('button.compute-robustness').click();
    await frame.locator('.sanity li').first().waitFor({ timeout: 300_000 });
    assert.equal(await frame.locator('.sanity .sanity-failed').count(), 0, 'the sanity checks pass');
    const curves = Number(await frame.locator('.robustness-chart').getAttribute('data-curves'));
    assert.ok(curves >= 2, `curves drawn: ${curves}`);
    assert.ok((await frame.locator('.chart-legend li', { hasText: 'adversarial-training' }).count()) >= 1, 'the adversarially trained run is overlaid');
    // The picture: a digit, its perturbation and the flipped prediction at the dragged ε, with both Grad-CAMs, beside
    // the model file; the robustness curves (this run and the adversarially trained one) below them.
    // The explorer is hidden to give the Inspector beside the editor room for its five images in one row.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await frame.locator('.adv-summary .flip').waitFor({ timeout: 10_000 });
    await frame.locator('.adv-images').evaluate((images: HTMLElement) => images.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
    console.log(`screenshot ${await workbench.screenshot('adversarial')}`);
  } finally {
    await workbench.close();
  }
});
