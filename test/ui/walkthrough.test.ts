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
    // LayerLens's own command: VS Code's generic picker ('Welcome: Open Walkthrough...') re-sorts while walkthroughs
    // register, and under load it once never showed and once opened another walkthrough.
    // Once in a full CI run (right after the .vsix test) the page had not appeared after 60 s, and the same test
    // passed alone in 14 s: the workbench loads its getting-started editor lazily. So the command is given 30 s and
    // run once more if the page is not there; the log says when that happened.
    const walkthroughPage = page.locator('.gettingStartedContainer', { hasText: 'Deep learning, hands on' }).first();
    await runCommand(page, 'LayerLens: Open Walkthrough: Deep Learning, Hands On');
    try {
      await walkthroughPage.waitFor({ timeout: 30_000 });
    } catch {
      console.log('walkthrough page not shown after 30 s: running the command again');
      await runCommand(page, 'LayerLens: Open Walkthrough: Deep Learning, Hands On');
      await walkthroughPage.waitFor({ timeout: 60_000 });
    }
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
