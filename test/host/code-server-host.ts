/// <reference lib="dom" />
/**
 * A drop-in "VS Code executable" for `@vscode/test-electron`'s `runTests({ vscodeExecutablePath })`: it takes the
 * Electron command line test-electron passes (`--extensionDevelopmentPath=… --extensionTestsPath=… [folder]`), runs
 * the tests inside code-server's extension host through headless Chromium, and exits with their result.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, sleep, startCodeServer } from './code-server';

const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS ?? 600_000);
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const developmentPaths = args.filter((a) => a.startsWith('--extensionDevelopmentPath=')).map((a) => a.slice(a.indexOf('=') + 1));
const testsPath = option('extensionTestsPath');
const folder = args.find((a) => !a.startsWith('-'));

async function main(): Promise<number> {
  if (!testsPath || developmentPaths.length === 0) {
    console.error('need --extensionDevelopmentPath and --extensionTestsPath');
    return 2;
  }
  const server = await startCodeServer();
  process.on('exit', () => server.stop());
  // Don't outlive test-electron if it is killed.
  setInterval(() => { try { process.kill(process.ppid, 0); } catch { process.exit(1); } }, 2000).unref();
  const workspace = folder ?? resolve(server.tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const remote = (p: string) => `vscode-remote://${server.authority}${resolve(p)}`;
  const payload = [...developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)]];
  const browser = await launchChromium(server.env);
  try {
    const page = await browser.newPage();
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => { finish = r; });
    await page.exposeFunction('codeAutomationLog', (_type: string, parts: unknown[]) => console.log(...(parts ?? [])));
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    if (process.env.DEBUG_BROWSER) page.on('console', (m) => console.log('[browser]', m.type(), m.text()));
    // VS Code honours the payload's extensionTestsPath only with developmentOptions.enableSmokeTestDriver, which
    // code-server has no flag for: patch the workbench configuration as the page reads it.
    await page.addInitScript(() => {
      const getAttribute = Object.getOwnPropertyDescriptor(Element.prototype, 'getAttribute')?.value as
        (this: Element, name: string) => string | null;
      Element.prototype.getAttribute = function (this: Element, name: string) {
        const value = getAttribute.call(this, name);
        if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
          const config = JSON.parse(value) as { developmentOptions?: Record<string, unknown> };
          config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
          return JSON.stringify(config);
        }
        return value;
      };
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(resolve(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exited, sleep(TIMEOUT_MS).then(() => -1)]);
    if (code === -1) console.error(`extension tests timed out after ${TIMEOUT_MS} ms\n${server.log()}`);
    return code;
  } finally {
    await browser.close();
  }
}

main().then((code) => process.exit(code === 0 ? 0 : 1), (error: unknown) => { console.error(error); process.exit(1); });
