import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { MetricRow } from '../../runtime/protocol';
import { sleep } from '../host/code-server';
import { openWorkbench, ROOT, runCommand, webviewFrame } from './workbench';

const MODEL = 'mlp-xor.model.yaml';
/**
 * Enough epochs of the XOR sample to watch the curves grow: the sample itself trains in a blink. 1200 epochs took 39 s
 * once the fused optimizer landed, and in CI the panel loaded only as that run ended; 3000 last well over a minute.
 */
const withEpochs = (text: string) => text.replace(/epochs: \d+/, 'epochs: 3000');
/** The earlier run differs: a smaller learning rate and a dropout layer (the legend must say so). */
const earlierVariant = (text: string) => text.replace(/learningRate: [\d.]+/, 'learningRate: 0.01')
  .replace('  - dense: { units: 1', '  - dropout: { rate: 0.1 }\n  - dense: { units: 1');

const runsOf = (workspace: string) => readdirSync(join(workspace, '.layerlens', 'runs')).sort();
const batchRows = (runDir: string): MetricRow[] => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').split('\n')
  .filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as MetricRow).filter((r) => r.kind === 'batch');

/** Opens a workspace file from the Explorer (quick open depends on the file search being ready; this does not). */
async function openFile(page: Page, name: string): Promise<void> {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
}

const pointCount = async (frame: FrameLocator, selector: string): Promise<number> =>
  Number(await frame.locator(selector).first().getAttribute('data-point-count', { timeout: 60_000 }) ?? 'NaN');

test('Train Model opens live curves beside the model file, and they survive a reload', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    const modelPath = join(workspace, MODEL);
    const current = withEpochs(readFileSync(modelPath, 'utf8'));
    // An earlier run of the same file with another spec, trained by the CLI into the workspace's runs folder.
    writeFileSync(modelPath, earlierVariant(current));
    execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', modelPath, '--epochs', '20', '--json'], { stdio: 'ignore' });
    writeFileSync(modelPath, current);
    const [earlierRun] = runsOf(workspace);
    assert.ok(earlierRun, 'the CLI created a run');

    await openFile(page, MODEL);
    await runCommand(page, 'LayerLens: Train Model');
    const frame = webviewFrame(page);
    const lossChart = 'section.chart[data-chart="loss"]';
    await frame.locator('tr[data-live="true"]').waitFor({ timeout: 120_000 });
    const liveRun = await frame.locator('tr[data-live="true"]').getAttribute('data-run-id') ?? '';
    assert.notEqual(liveRun, earlierRun);

    // The earlier run is overlaid (ticked), its legend names how it differs.
    const earlierRow = frame.locator(`tr[data-run-id="${earlierRun}"]`);
    if ((await earlierRow.locator('vscode-checkbox').getAttribute('aria-checked')) !== 'true') await earlierRow.locator('vscode-checkbox').click();
    await earlierRow.locator('.muted', { hasText: 'learningRate 0.05 → 0.01, +dropout' }).waitFor({ timeout: 30_000 });
    await frame.locator('.u-legend', { hasText: '+dropout' }).first().waitFor({ timeout: 30_000 });

    // The point count grows while the run trains.
    const counts: number[] = [];
    // Until the run ends on disk: the runs list re-renders its rows, so a DOM count can read 0 for a moment.
    const running = (): boolean => {
      try {
        return (JSON.parse(readFileSync(join(workspace, '.layerlens', 'runs', liveRun, 'meta.json'), 'utf8')) as { status: string }).status === 'running';
      } catch {
        return true; // being rewritten
      }
    };
    for (let i = 0; i < 1200 && running(); i++) {
      const count = await pointCount(frame, lossChart);
      if (counts.length === 0 || count !== counts[counts.length - 1]) counts.push(count);
      if (counts.length === 3) {
        const shot = await workbench.screenshot('training');
        console.log(`live curves at ${count} points; screenshot ${shot}`);
      }
      await sleep(200);
    }
    console.log(`loss chart point counts seen while training: ${counts.join(', ')}`);
    assert.ok(counts.length >= 3, `the count grew while training: ${counts.join(', ')}`);
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b), 'it never shrank');

    // Once ended, the panel holds every batch row and shows the last one's loss.
    const rows = batchRows(join(workspace, '.layerlens', 'runs', liveRun));
    const lastLoss = rows[rows.length - 1]?.values.loss;
    const liveRow = frame.locator(`tr[data-run-id="${liveRun}"]`);
    await frame.locator(`tr[data-run-id="${liveRun}"][data-point-count="${rows.length}"]`).waitFor({ timeout: 30_000 });
    await frame.locator(`[data-field="loss"][data-value="${String(lastLoss)}"]`).waitFor({ timeout: 30_000 });
    // The run's end reaches the runs list by its own message, which can trail the last points.
    await liveRow.locator('[data-field="status"]', { hasText: /^completed$/ }).waitFor({ timeout: 30_000 });
    // Readable at the default panel size: the accuracy chart is in view without scrolling, the header names the
    // loss it shows and no longer shows an ETA, and train and validation are told apart in words.
    const accuracyBox = await frame.locator('section.chart[data-chart="accuracy"] .u-wrap').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(accuracyBox && viewport && accuracyBox.y + accuracyBox.height <= viewport.height,
      `accuracy plot at ${JSON.stringify(accuracyBox)} within ${JSON.stringify(viewport)}`);
    assert.match(await frame.locator('[data-field="loss"]').textContent() ?? '', /^last batch loss /);
    await frame.locator('[data-field="eta"]:empty').waitFor({ state: 'attached', timeout: 30_000 }); // written in the next live frame
    await frame.locator('.u-legend', { hasText: 'validation' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('training-ended');
    const before = await pointCount(frame, lossChart);

    // After a window reload the panel comes back (serializer) and rebuilds the same history from the run folders.
    // Through the command, as a user would: a bare page.reload() can cut the workbench off before it saves its layout.
    const reloaded = page.waitForEvent('domcontentloaded', { timeout: 120_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench .statusbar').waitFor({ timeout: 120_000 });
    const restored = webviewFrame(page);
    await restored.locator(`tr[data-run-id="${liveRun}"][data-point-count="${rows.length}"]`).waitFor({ timeout: 120_000 });
    await restored.locator(`${lossChart}[data-point-count="${before}"]`).waitFor({ timeout: 30_000 });
    await restored.locator(`[data-field="loss"][data-value="${String(lastLoss)}"]`).waitFor({ timeout: 30_000 });
  } finally {
    await workbench.close();
  }
});
