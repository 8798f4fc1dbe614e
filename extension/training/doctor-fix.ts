import * as vscode from 'vscode';
import { applyDoctorFix, type DoctorFix } from '../../runtime/doctor/apply-fix';

/**
 * Applies the training doctor's one-click fix to the model file as one undoable edit in its editor (opened beside
 * nothing: in the column the file already has, or the active one). Throws with a plain message when it cannot.
 */
export async function applyFixToModelFile(uri: vscode.Uri, fix: DoctorFix): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const fixed = applyDoctorFix(text, uri.fsPath, fix);
  if (fixed === undefined) throw new Error(`"${fix.title}" could not be applied to this file; please edit it by hand`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), fixed);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`"${fix.title}" was not applied (the edit was refused)`);
  await vscode.window.showTextDocument(document, { preview: false });
}
