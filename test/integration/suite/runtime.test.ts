import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RuntimeInfo } from '../../../runtime/protocol';

const EXTENSION_ID = 'layerlens.layerlens';

async function runtimeInfo(): Promise<RuntimeInfo> {
  const info = await vscode.commands.executeCommand<RuntimeInfo | undefined>('layerlens.showRuntimeInfo');
  assert.ok(info, 'Show Runtime Info returned no info (see the LayerLens output channel)');
  return info;
}

function waitForExit(pid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const timer = setInterval(() => {
      try { process.kill(pid, 0); } catch { clearInterval(timer); resolve(); return; }
      if (++tries > 200) { clearInterval(timer); reject(new Error(`pid ${pid} still alive`)); }
    }, 50);
  });
}

suite('extension and runtime', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
  });

  test('the extension activates', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('every contributed command is registered', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 2);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  test('Show Runtime Info round-trips with a separate runtime process', async () => {
    const info = await runtimeInfo();
    assert.notEqual(info.pid, process.pid, 'the runtime must be a child process, not the extension host');
    assert.match(info.tfjsVersion, /^\d+\.\d+\.\d+/);
    assert.ok(info.backend.length > 0 && info.device.length > 0);
  });

  test('after the runtime is killed, the next command starts a new one', async () => {
    const first = await runtimeInfo();
    process.kill(first.pid, 'SIGKILL');
    await waitForExit(first.pid);
    const second = await runtimeInfo();
    assert.notEqual(second.pid, first.pid);
    assert.equal(second.tfjsVersion, first.tfjsVersion);
  });
});
