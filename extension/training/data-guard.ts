import * as vscode from 'vscode';
import type { ModelChecker } from '../language/model-checker';
import { dataPathOutside } from './data-location';

/**
 * Before a run: a `data.path` outside the model's workspace folder is read only after the user says so (once, or
 * always via `layerlens.allowDataOutsideWorkspace`). A model file from a cloned repository must not make LayerLens
 * read ~/.ssh or /etc files (issue 11). The text is checked in the checker worker, not on this thread.
 */
export async function confirmDataLocation(checker: ModelChecker, uri: vscode.Uri, text: string): Promise<boolean> {
  const settings = vscode.workspace.getConfiguration('layerlens');
  if (settings.get<boolean>('allowDataOutsideWorkspace', false)) return true;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const path = (await checker.check(text, uri.fsPath)).spec?.data?.path;
  if (!folder || path === undefined) return true;
  const outside = dataPathOutside(uri.fsPath, path, folder);
  if (outside === undefined) return true;
  const choice = await vscode.window.showWarningMessage(
    `LayerLens: ${vscode.workspace.asRelativePath(uri)} reads data from ${outside}, outside the workspace folder. Train on it?`,
    { modal: true }, 'Train Once', 'Always Allow');
  if (choice === 'Always Allow') await settings.update('allowDataOutsideWorkspace', true, vscode.ConfigurationTarget.Global);
  return choice !== undefined;
}
