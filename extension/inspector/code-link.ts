import * as vscode from 'vscode';
import type { ModelCheckCache } from '../language/model-check-cache';
import type { ModelChecker } from '../language/model-checker';

/**
 * The Inspector's link with the code: a layer's line in its model file as the file is now (the editor's text when
 * it is open, with unsaved edits), and revealing it.
 */
export class CodeLink {
  constructor(private readonly checks: ModelCheckCache, private readonly checker: ModelChecker, private readonly modelUri: vscode.Uri) {}

  /** 0-based line of the layer in the open editor's text; undefined when the file is not open or lost the layer. */
  line(layerId: string): number | undefined {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === this.modelUri.fsPath);
    return document ? this.checks.get(document)?.layers.find((l) => l.id === layerId)?.range.start.line : undefined;
  }

  /** Shows the model file beside the panel (not over it) with the cursor at the layer. False: no such layer now. */
  async reveal(layerId: string, panelColumn: vscode.ViewColumn | undefined): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(this.modelUri);
    // The last check first; when it lacks the layer (not checked yet, or an older version), the worker checks it now.
    const layer = this.checks.get(document)?.layers.find((l) => l.id === layerId)
      ?? (await this.checker.check(document.getText(), document.fileName)).layers.find((l) => l.id === layerId);
    if (!layer) return false;
    const start = new vscode.Position(layer.range.start.line, layer.range.start.col);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === this.modelUri.fsPath);
    const column = visible?.viewColumn ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(start, start) });
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }
}
