import * as vscode from 'vscode';
import { ModelCheckCache } from './model-check-cache';
import { registerDocumentDiagnostics } from './diagnostics';
import { ModelHoverProvider } from './hover-provider';
import { ModelCodeActionProvider } from './code-actions';
import { ModelCodeLensProvider } from './code-lens';
import { ModelFileWatcher } from './model-watcher';
import { MODEL_SELECTOR } from './model-files';
import { ModelChecker } from './model-checker';

/** What other features extend: hover sections and CodeLens entries (the runtime adds last-run stats and ▶ Train). */
export interface LanguageFeatures {
  /** Checks any model text off the extension host's thread. */
  readonly checker: ModelChecker;
  readonly checks: ModelCheckCache;
  readonly hover: ModelHoverProvider;
  readonly codeLens: ModelCodeLensProvider;
}

/** Diagnostics, hover, quick fixes, CodeLens and the file watcher for model files. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageFeatures {
  const checker = new ModelChecker(context.extensionPath);
  const checks = new ModelCheckCache(checker);
  const collection = vscode.languages.createDiagnosticCollection('layerlens');
  const watcher = new ModelFileWatcher(collection, output, checker);
  const hover = new ModelHoverProvider(checks);
  const codeLens = new ModelCodeLensProvider(checks);
  context.subscriptions.push(
    checker, checks, collection, watcher, codeLens,
    registerDocumentDiagnostics(collection, checks, (uri) => { void watcher.refresh(uri.fsPath); }),
    vscode.languages.registerHoverProvider(MODEL_SELECTOR, hover),
    vscode.languages.registerCodeActionsProvider(MODEL_SELECTOR, new ModelCodeActionProvider(checks),
      { providedCodeActionKinds: ModelCodeActionProvider.kinds }),
    vscode.languages.registerCodeLensProvider(MODEL_SELECTOR, codeLens),
  );
  return { checker, checks, hover, codeLens };
}
