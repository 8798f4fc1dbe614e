import * as vscode from 'vscode';
import { ModelCheckCache } from './model-check-cache';
import { registerDocumentDiagnostics } from './diagnostics';
import { ModelHoverProvider } from './hover-provider';
import { ModelCodeActionProvider } from './code-actions';
import { ModelCodeLensProvider } from './code-lens';
import { ModelFileWatcher } from './model-watcher';
import { MODEL_SELECTOR } from './model-files';

/** What other features extend: hover sections and CodeLens entries (the runtime adds last-run stats and ▶ Train). */
export interface LanguageFeatures {
  readonly checks: ModelCheckCache;
  readonly hover: ModelHoverProvider;
  readonly codeLens: ModelCodeLensProvider;
}

/** Diagnostics, hover, quick fixes, CodeLens and the file watcher for model files. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageFeatures {
  const checks = new ModelCheckCache();
  const collection = vscode.languages.createDiagnosticCollection('layerlens');
  const watcher = new ModelFileWatcher(collection, output);
  const hover = new ModelHoverProvider(checks);
  const codeLens = new ModelCodeLensProvider(checks);
  context.subscriptions.push(
    checks, collection, watcher, codeLens,
    registerDocumentDiagnostics(collection, checks, (uri) => { void watcher.refresh(uri.fsPath); }),
    vscode.languages.registerHoverProvider(MODEL_SELECTOR, hover),
    vscode.languages.registerCodeActionsProvider(MODEL_SELECTOR, new ModelCodeActionProvider(checks),
      { providedCodeActionKinds: ModelCodeActionProvider.kinds }),
    vscode.languages.registerCodeLensProvider(MODEL_SELECTOR, codeLens),
  );
  return { checks, hover, codeLens };
}
