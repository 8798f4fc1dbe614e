import * as vscode from 'vscode';
import { RuntimeManager } from './runtime/runtime-manager';
import { registerRuntimeCommands } from './runtime/runtime-commands';
import { AboutPanel } from './about/about-panel';
import { registerLanguageFeatures } from './language/register-language';
import { registerTraining } from './training/register-training';
import { registerTrainingPanel } from './training-panel/register';
import { TrainingPanel } from './training-panel/training-panel';
import { RunFolders } from './runs/run-folders';
import { registerInspector } from './inspector/register-inspector';
import { registerOpenSample } from './walkthrough/open-sample';
import { registerOpenWalkthrough } from './walkthrough/open-walkthrough';

/** Entry point: wires features; each feature registers its disposables on the context. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('LayerLens', { log: true });
  const runtime = new RuntimeManager(context, output);
  context.subscriptions.push(output, runtime);
  const language = registerLanguageFeatures(context, output);
  const runFolders = new RunFolders();
  // Train Model opens the training panel beside the editor before the run starts.
  const training = registerTraining(context, runtime, language, output, runFolders, (uri, service) => {
    TrainingPanel.createOrShow({ extensionUri: context.extensionUri, training: service, output, runFolders }, uri, { preserveFocus: true });
  });
  context.subscriptions.push(...registerTrainingPanel(context, training, output, runFolders),
    ...registerInspector(context, { extensionUri: context.extensionUri, runtimes: runtime, runFolders, checks: language.checks, checker: language.checker, output },
      language, training));

  const version = (context.extension.packageJSON as { version: string }).version;
  const loadInfo = () => runtime.info();
  context.subscriptions.push(
    ...registerRuntimeCommands(context, runtime, output),
    registerOpenSample(context, output),
    registerOpenWalkthrough(context),
    vscode.commands.registerCommand('layerlens.about', () => { AboutPanel.createOrShow(context.extensionUri, loadInfo, version); }),
    vscode.window.registerWebviewPanelSerializer(AboutPanel.viewType, {
      deserializeWebviewPanel: (panel) => {
        AboutPanel.revive(panel, context.extensionUri, loadInfo, version);
        return Promise.resolve();
      },
    }),
  );
  output.info(`LayerLens ${version} activated`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes: the runtime children (RuntimeManager) and
  // Install GPU Runtime's npm (ChildProcesses) are killed there.
}
