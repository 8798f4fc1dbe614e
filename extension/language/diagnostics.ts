import * as vscode from 'vscode';
import type { Diagnostic, ModelCheck } from '../../runtime/language';
import { isModelFile, toVsRange } from './model-files';
import type { ModelCheckCache } from './model-check-cache';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVsDiagnostics(check: ModelCheck): vscode.Diagnostic[] {
  return check.diagnostics.map((d) => {
    const diagnostic = new vscode.Diagnostic(toVsRange(d.range), d.message, SEVERITY[d.severity]);
    diagnostic.source = 'LayerLens';
    diagnostic.code = d.code;
    return diagnostic;
  });
}

/**
 * Problems for open model documents, re-checked (in the checker worker) as the user types, from the editor's text;
 * published when each check is in. Files that are not open are published by the file watcher; closing a document
 * hands its file back to the watcher's view.
 */
export function registerDocumentDiagnostics(collection: vscode.DiagnosticCollection, checks: ModelCheckCache,
  onClosed: (uri: vscode.Uri) => void): vscode.Disposable {
  const request = (document: vscode.TextDocument) => { if (isModelFile(document.fileName)) checks.request(document); };
  vscode.workspace.textDocuments.forEach(request);
  return vscode.Disposable.from(
    checks.onDidCheck(({ document, check }) => collection.set(document.uri, toVsDiagnostics(check))),
    vscode.workspace.onDidOpenTextDocument(request),
    vscode.workspace.onDidChangeTextDocument((e) => request(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => { if (isModelFile(d.fileName)) onClosed(d.uri); }),
  );
}
