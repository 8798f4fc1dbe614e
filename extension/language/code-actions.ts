import * as vscode from 'vscode';
import type { ModelCheckCache } from './model-check-cache';
import { toVsDiagnostics } from './diagnostics';
import { toVsRange } from './model-files';

/**
 * Quick fixes the checker attached to its diagnostics: insert `flatten` (or `globalAveragePooling2d`) where a rank-1
 * output was expected, rename an unknown layer type or parameter to the nearest valid name.
 */
export class ModelCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly checks: ModelCheckCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const check = this.checks.current(document); // fixes' ranges must be those of this version
    if (!check) return [];
    const vsDiagnostics = toVsDiagnostics(check);
    return check.diagnostics.flatMap((diagnostic, index) => {
      const vsDiagnostic = vsDiagnostics[index];
      if (!diagnostic.fixes || !vsDiagnostic || !vsDiagnostic.range.intersection(range)) return [];
      return diagnostic.fixes.map((fix, rank) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [vsDiagnostic];
        action.isPreferred = rank === 0;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toVsRange(edit.range), edit.newText);
        return action;
      });
    });
  }
}
