// "Compare with…" in the Training panel: other model files of the workspace that have runs, picked in a quick pick,
// whose runs are then listed and overlaid beside the panel's own file's (issue 14: memorization vs lenet).
import * as vscode from 'vscode';
import type { RunFolders } from '../runs/run-folders';
import { otherModelFiles } from './other-model-files';

/** Asks which other files to compare with (the current choice ticked); undefined when dismissed. */
export async function pickComparedFiles(folders: RunFolders, runsDir: string, modelFile: string,
  compared: ReadonlySet<string>): Promise<string[] | undefined> {
  const files = await otherModelFiles(folders, runsDir, modelFile);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('LayerLens: no other model file in this workspace has runs yet. Train one, then compare.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(files.map((f) => ({
    label: vscode.workspace.asRelativePath(f.file), description: `${f.runs} run${f.runs === 1 ? '' : 's'}`, file: f.file,
    picked: compared.has(f.file),
  })), { canPickMany: true, title: 'LayerLens: Compare with…', placeHolder: 'Model files whose runs to overlay on this one' });
  return picked?.map((item) => item.file);
}
