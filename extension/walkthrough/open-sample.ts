// `LayerLens: Open Sample` (used by the "Deep learning, hands on" walkthrough): opens a course sample and trains it.
// A workspace that already holds the sample (e.g. the repository's samples/) uses it; otherwise the shipped samples
// are copied once into `<workspace folder>/layerlens-samples/`, all of them, so samples that start from another
// sample's run (transfer-finetune, rotation-linear-probe) find it beside them.
import * as vscode from 'vscode';

const SAMPLE_NAME = /^[\w-]+\.model\.yaml$/;
export const COPIED_SAMPLES_FOLDER = 'layerlens-samples';

export function registerOpenSample(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('layerlens.openSample', async (given: unknown, train: unknown = true) => {
    const name = given === undefined ? await pickSample(context.extensionUri) : given;
    if (name === undefined) return undefined; // the pick was dismissed
    if (typeof name !== 'string' || !SAMPLE_NAME.test(name)) {
      void vscode.window.showErrorMessage(`LayerLens: no such sample ${JSON.stringify(name)}; samples are named like lenet.model.yaml.`);
      return undefined;
    }
    const uri = await sampleUri(context.extensionUri, name, output);
    await vscode.window.showTextDocument(uri, { preview: false });
    // Training runs on in the background (status bar, Training panel); the walkthrough step is done once it starts.
    if (train !== false) void vscode.commands.executeCommand('layerlens.train', uri);
    return uri.toString();
  });
}

async function pickSample(extensionUri: vscode.Uri): Promise<string | undefined> {
  const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, 'samples'));
  const names = entries.map(([file]) => file).filter((file) => SAMPLE_NAME.test(file)).sort();
  return vscode.window.showQuickPick(names, { title: 'LayerLens: Open Sample', placeHolder: 'A sample to open and train' });
}

async function sampleUri(extensionUri: vscode.Uri, name: string, output: vscode.LogOutputChannel): Promise<vscode.Uri> {
  const [inWorkspace] = await vscode.workspace.findFiles(`**/${name}`, '**/{node_modules,.layerlens}/**', 1);
  if (inWorkspace) return inWorkspace;
  const shipped = vscode.Uri.joinPath(extensionUri, 'samples');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return vscode.Uri.joinPath(shipped, name);
  const target = vscode.Uri.joinPath(folder.uri, COPIED_SAMPLES_FOLDER);
  const entries = await vscode.workspace.fs.readDirectory(shipped);
  for (const [file] of entries.filter(([file]) => SAMPLE_NAME.test(file))) {
    const copy = vscode.Uri.joinPath(target, file);
    try {
      await vscode.workspace.fs.stat(copy);
    } catch {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(shipped, file), copy, { overwrite: false });
    }
  }
  output.info(`samples copied to ${target.fsPath}`);
  return vscode.Uri.joinPath(target, name);
}
