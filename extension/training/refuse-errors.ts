import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModelChecker } from '../language/model-checker';

/**
 * One source of truth for "can this train": the checker's errors (the same diagnostics as the Problems panel). A
 * file with errors is not sent to the runtime; the Problems panel is revealed and no (empty) Training panel opens.
 * Warnings never block: whatever the checker calls a warning trains.
 * @returns true when training was refused.
 */
export async function refuseFileWithErrors(uri: vscode.Uri, checker: ModelChecker): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let check;
  try {
    // The worker checks the text as it is now (an open editor's unsaved text too); the host never parses it.
    check = await checker.check(open ? open.getText() : await readFile(uri.fsPath, 'utf8'), uri.fsPath);
  } catch {
    return false; // unreadable: the training service reports that itself
  }
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (!first) return false;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const where = `${basename(uri.fsPath)}:${first.range.start.line + 1}:${first.range.start.col + 1}`;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more in the Problems panel)` : '';
  void vscode.window.showErrorMessage(`LayerLens: cannot train ${basename(uri.fsPath)} while it has errors. ${where}: ${first.message}${more}`);
  return true;
}
