// The Training panel in a real browser: an autoencoder run's epoch images (input | reconstruction, replayed with the
// slider) and "Compare with…" overlaying another model file's run with a legend saying how the files differ. Both runs
// are trained by the CLI beforehand (small and short), so the test waits on no live training.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

const train = (modelPath: string, epochs: number) =>
  execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', modelPath, '--epochs', String(epochs), '--json'], { stdio: 'ignore' });

test('epoch images of an autoencoder run are drawn and replayed; another file\'s run is overlaid with its difference', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    const autoencoder = join(workspace, 'autoencoder.model.yaml');
    writeFileSync(autoencoder, readFileSync(autoencoder, 'utf8').replace(/samples: \d+/, 'samples: 300'));
    train(autoencoder, 2);
    train(join(workspace, 'xor-linear.model.yaml'), 2);

    await openFile(page, 'autoencoder.model.yaml');
    await runCommand(page, 'LayerLens: Show Training Panel');
    const frame = webviewFrame(page);
    const section = frame.locator('section.epoch-images-section');
    // The newest epoch: 8 inputs over their 8 reconstructions.
    await section.locator('.epoch-images.reconstruction canvas').nth(15).waitFor({ timeout: 120_000 });
    assert.equal(await section.locator('.epoch-images canvas').count(), 16);
    await section.getByText('epoch 2 of 2 (newest)').waitFor({ timeout: 30_000 });
    // A digit, not a blank: the first input's pixels vary.
    const distinct = await section.locator('.epoch-images canvas').first().evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      return new Set(Array.from(data.filter((_, i) => i % 4 === 0))).size;
    });
    assert.ok(distinct > 10, `the first input has ${distinct} grey levels`);
    await section.scrollIntoViewIfNeeded();
    console.log(`screenshot ${await workbench.screenshot('epoch-images')}`);
    // The slider replays epoch 1 (asked of the extension).
    await section.locator('input[type="range"]').focus();
    await page.keyboard.press('Home');
    await section.getByText('epoch 1 of 2', { exact: true }).waitFor({ timeout: 30_000 });
    await section.locator('.epoch-images[data-frame$=":1"] canvas').nth(15).waitFor({ timeout: 30_000 });

    // Compare with xor-linear: its run is listed and overlaid, named by its file, with how it differs.
    await frame.getByRole('button', { name: 'Compare with…' }).click();
    const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'xor-linear.model.yaml' }).first();
    await choice.waitFor({ timeout: 30_000 });
    await choice.click();
    await page.keyboard.press('Enter');
    const row = frame.locator('tr', { has: frame.locator('.run-file', { hasText: 'xor-linear.model.yaml' }) });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.locator('.muted').first().textContent() ?? '', /task reconstruction → classification/);
    assert.equal(await row.locator('vscode-checkbox').getAttribute('aria-checked'), 'true', 'the compared file\'s newest run is shown');
    await frame.locator('.u-legend', { hasText: 'xor-linear.model.yaml' }).first().waitFor({ timeout: 30_000 });
    console.log(`screenshot ${await workbench.screenshot('compare-with')}`);
  } finally {
    await workbench.close();
  }
});
