/**
 * Runs the mocha suites in test/integration/suite inside VS Code through @vscode/test-electron. Which VS Code:
 * VSCODE_EXECUTABLE_PATH when set (scripts/vscode-host.mjs points it at the code-server host offline), else the
 * desktop build test-electron downloads. The workspace is a fresh copy of samples/, so runs never touch the repo.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const workspace = mkdtempSync(join(tmpdir(), 'layerlens-ws-'));
  cpSync(join(root, 'samples'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: resolve(__dirname, 'suite', 'index.js'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { LAYERLENS_TEST_WORKSPACE: workspace },
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('integration tests failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
