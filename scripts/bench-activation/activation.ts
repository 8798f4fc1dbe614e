// Activation with hostile files in the workspace (issue 11: three crafted model files delayed "LayerLens: About" from
// 1.7 s to 148 s). Opens code-server on a copy of samples/, with and without the worst-case files, and times from
// the workbench being shown to the About panel's webview being there. Needs CODE_SERVER_BIN and Chromium, like the
// UI tests; `npm run build` first.
// In a sub-folder on purpose: bundled to out/bench/bench-activation/, three levels below the checkout as test/ui's
// workbench helper expects (it finds the extension from its own location).
import { openWorkbench, runCommand, webviewFrame } from '../../test/ui/workbench';
import { WORST_CASES } from '../../test/fixtures/hostile-models';

async function timeToAbout(files: Readonly<Record<string, string>>): Promise<number> {
  const workbench = await openWorkbench({ files });
  try {
    const start = performance.now();
    await workbench.page.locator('.monaco-workbench .statusbar').click(); // focus the workbench for the palette key
    await runCommand(workbench.page, 'LayerLens: About');
    await webviewFrame(workbench.page).locator('dd[data-field="backend"]').waitFor({ timeout: 600_000 });
    return Math.round(performance.now() - start);
  } finally {
    await workbench.close();
  }
}

export async function benchActivation(log: (line: string) => void): Promise<Record<string, number>> {
  const hostile = Object.fromEntries(Object.entries(WORST_CASES).map(([name, make]) => [`${name}.model.yaml`, make()]));
  log(`activation: samples only`);
  const plain = await timeToAbout({});
  log(`activation: samples and ${Object.keys(hostile).length} worst-case files`);
  const withHostile = await timeToAbout(hostile);
  return { 'activation.aboutMs.samples': plain, 'activation.aboutMs.withWorstCases': withHostile };
}
