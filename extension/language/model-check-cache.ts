import * as vscode from 'vscode';
import { checkModel, type ModelCheck } from '../../runtime/language';

/**
 * The check of each open model document, computed once per document version from the editor's text and shared by
 * diagnostics, hover, quick fixes and CodeLens. `checkModel` never throws by contract; if it ever did, the caller
 * gets a single diagnostic instead of an exception in the extension host.
 */
export class ModelCheckCache implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; check: ModelCheck }>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  get(document: vscode.TextDocument): ModelCheck {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.check;
    const check = safeCheck(document.getText(), document.fileName);
    this.cache.set(key, { version: document.version, check });
    return check;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}

/** Checks text from anywhere (editor or disk). */
export function safeCheck(text: string, fileName: string): ModelCheck {
  try {
    return checkModel(text, fileName);
  } catch (error) {
    const message = `LayerLens could not check this file: ${error instanceof Error ? error.message : String(error)}`;
    const zero = { line: 0, col: 0 };
    return {
      name: fileName, layers: [], outputShape: null,
      totals: { params: 0, trainableParams: 0, nonTrainableParams: 0, macs: 0 },
      diagnostics: [{ severity: 'error', code: 'structure', message, range: { start: zero, end: zero } }],
    };
  }
}
