import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../host/code-server';
import { openWorkbench, runCommand } from './workbench';

test('the "Deep learning, hands on" walkthrough opens, and its first step opens and trains the regression sample', async () => {
  const workbench = await openWorkbench();
  const { page, workspace } = workbench;
  try {
    // The walkthrough picker sometimes does not show (or closes at once, when the Welcome page takes focus as it opens
    // under load): run the command again until its quick pick is visible.
    const picker = page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await sleep(1000); // the palette that ran the command has closed by then
      try {
        await picker.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
    // Filtered to the one entry, then Enter: the list re-sorts as extensions' walkthroughs register, and a click on a
    // row found a moment earlier once opened the built-in "Setup VS Code Web" instead (under load).
    await picker.fill('Deep learning, hands on');
    const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Deep learning, hands on' }).first();
    await choice.waitFor({ timeout: 60_000 });
    await sleep(500);
    await page.keyboard.press('Enter');
    await page.locator('.gettingStartedContainer', { hasText: 'Deep learning, hands on' }).first().waitFor({ timeout: 60_000 });
    await sleep(3000);
    console.log(`walkthrough page: ${await workbench.screenshot('walkthrough')}`);
    const button = page.locator('.gettingStartedContainer').getByText('Open and train linear-regression.model.yaml').first();
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    await page.locator('.tabs-container .tab', { hasText: 'linear-regression.model.yaml' }).first().waitFor({ timeout: 60_000 });
    const runs = join(workspace, '.layerlens', 'runs');
    let started: string[] = [];
    for (let waited = 0; waited < 180 && started.length === 0; waited++) {
      started = existsSync(runs) ? readdirSync(runs).filter((name) => name.endsWith('linear-regression')) : [];
      if (started.length === 0) await sleep(1000);
    }
    console.log(`walkthrough step 1 started run ${started.join(', ')}`);
    assert.equal(started.length, 1, 'the first step starts one training run of linear-regression.model.yaml');
  } finally {
    await workbench.close();
  }
});
