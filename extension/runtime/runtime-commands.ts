import * as vscode from 'vscode';
import type { RuntimeManager } from './runtime-manager';
import type { RuntimeInfo } from '../../runtime/protocol';
import { installGpuRuntime } from './install-gpu-runtime';
import { ChildProcesses } from './child-processes';

/** One line that says what the runtime loaded: `TensorFlow.js 4.22.0 on wasm (AMD EPYC …)`. */
export function describeRuntime(info: RuntimeInfo): string {
  const device = info.software ? `${info.device}, software emulation` : info.device;
  return `TensorFlow.js ${info.tfjsVersion} on ${info.backend} (${device})`;
}

export function registerRuntimeCommands(context: vscode.ExtensionContext, runtime: RuntimeManager,
  output: vscode.LogOutputChannel): vscode.Disposable[] {
  const children = new ChildProcesses();
  return [
    children,
    // Installing runs npm (and a package's install script): never in a workspace the user has not trusted.
    vscode.commands.registerCommand('layerlens.installGpuRuntime', () => {
      if (vscode.workspace.isTrusted) return installGpuRuntime(context, runtime, output, children);
      void vscode.window.showWarningMessage('LayerLens installs a GPU runtime only in trusted workspaces.');
      return false;
    }),
    /** Returns the info too, so tests and other extensions can read it. */
    vscode.commands.registerCommand('layerlens.showRuntimeInfo', async (): Promise<RuntimeInfo | undefined> => {
      try {
        const info = await runtime.info();
        const line = describeRuntime(info);
        output.info(`${line}; runtime pid ${info.pid}`);
        for (const reason of info.reasons) output.info(`  not used: ${reason}`);
        void vscode.window.showInformationMessage(`LayerLens: ${line}`, 'Show Log').then((choice) => {
          if (choice) output.show(true);
        });
        return info;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`runtime info failed: ${message}`);
        void vscode.window.showErrorMessage(`LayerLens: the runtime did not answer: ${message}`);
        return undefined;
      }
    }),
  ];
}
