import * as vscode from 'vscode';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import type { RuntimeManager } from './runtime-manager';
import { summarizeNpmFailure } from './npm-failure';
import type { ChildProcesses } from './child-processes';

/** The native TensorFlow.js packages the runtime can load from global storage; same version as our tfjs. */
const PACKAGES = [
  { label: '@tensorflow/tfjs-node-gpu', description: 'NVIDIA GPU (Linux, Windows): needs CUDA 11.2 + cuDNN 8.1' },
  { label: '@tensorflow/tfjs-node', description: 'Native CPU (libtensorflow): faster than WebAssembly on many CPUs' },
] as const;
const TFJS_VERSION = '4.22.0';
/** npm gives up on an unreachable registry after this; the libtensorflow download has its own errors. */
const NPM_ARGS = ['--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=30000'];

/** The folder the runtime resolves native packages from (its `nodeModuleDirs` points at `<dir>/node_modules`). */
export function gpuRuntimeDir(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, 'gpu-runtime');
}

/**
 * `LayerLens: Install GPU Runtime`: installs @tensorflow/tfjs-node-gpu (or tfjs-node) with npm into the extension's
 * global storage, with progress and Cancel. Its install script downloads libtensorflow; offline it fails, and the user
 * gets npm's last lines as a clear error instead of a hang. On success the runtime is restarted to pick it up.
 */
export async function installGpuRuntime(context: vscode.ExtensionContext, runtime: RuntimeManager,
  output: vscode.LogOutputChannel, children: ChildProcesses): Promise<boolean> {
  const choice = await vscode.window.showQuickPick(PACKAGES.map((p) => ({ ...p })), { title: 'Install a native TensorFlow.js runtime' });
  if (!choice) return false;
  const dir = gpuRuntimeDir(context).fsPath;
  await mkdir(dir, { recursive: true });
  // npm 11 runs a dependency's install script only when package.json allows it by name.
  await writeFile(`${dir}/package.json`, JSON.stringify({ name: 'layerlens-gpu-runtime', private: true,
    allowScripts: { [choice.label]: true } }, null, 2));
  const spec = `${choice.label}@${TFJS_VERSION}`;
  output.info(`installing ${spec} into ${dir}`);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `LayerLens: installing ${spec}`, cancellable: true },
    (progress, token) => new Promise<boolean>((resolve) => {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      // Tracked so deactivation kills an install still running.
      const child = children.track(spawn(npm, ['install', spec, ...NPM_ARGS], { cwd: dir, shell: process.platform === 'win32' }));
      const tail: string[] = [];
      const onData = (data: Buffer) => {
        for (const line of data.toString().split('\n').filter((l) => l.trim())) {
          output.info(`[npm] ${line}`);
          tail.push(line);
          if (tail.length > 60) tail.shift();
          progress.report({ message: line.slice(0, 80) });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const cancel = token.onCancellationRequested(() => child.kill());
      child.on('error', (error) => {
        cancel.dispose();
        void vscode.window.showErrorMessage(`LayerLens: could not run npm (${error.message}). Install Node.js and npm, then try again.`);
        resolve(false);
      });
      child.on('close', (code) => {
        cancel.dispose();
        if (token.isCancellationRequested) { output.warn(`install of ${spec} cancelled`); resolve(false); return; }
        if (code !== 0) {
          void vscode.window.showErrorMessage(`LayerLens: installing ${spec} failed: ${summarizeNpmFailure(tail)}`, 'Show Log')
            .then((c) => { if (c) output.show(true); });
          resolve(false);
          return;
        }
        output.info(`installed ${spec}; restarting the runtime to load it`);
        runtime.restart();
        void vscode.window.showInformationMessage(`LayerLens: ${spec} installed. The next training run will try it first.`);
        resolve(true);
      });
    }));
}
