import * as vscode from 'vscode';
import type { ModelCheck } from '../../runtime/language';
import type { ModelChecker } from './model-checker';

interface Result {
  readonly version: number;
  readonly check: ModelCheck;
}

/** A check of an open document's version arrived (diagnostics, CodeLens and hover refresh on it). */
export interface CheckedDocument {
  readonly document: vscode.TextDocument;
  readonly check: ModelCheck;
}

/**
 * The checks of open model documents, made in the checker worker from the editor's text and shared by diagnostics,
 * hover, quick fixes and CodeLens. Nothing here waits: `request` starts a check, `onDidCheck` says when one is in,
 * and readers take the last result. At most one check per document is in flight; edits made meanwhile are checked
 * once it returns (only the newest version), and a result older than the one shown is dropped.
 */
export class ModelCheckCache implements vscode.Disposable {
  private readonly results = new Map<string, Result>();
  private readonly inFlight = new Set<string>();
  /** Documents edited while their check was in flight: checked again, at their newest version, when it returns. */
  private readonly again = new Map<string, vscode.TextDocument>();
  private readonly checked = new vscode.EventEmitter<CheckedDocument>();
  readonly onDidCheck = this.checked.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly checker: ModelChecker) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => {
      this.results.delete(d.uri.toString());
      this.again.delete(d.uri.toString());
    });
  }

  /** The last check of the document, possibly of an earlier version; undefined until the first one is in. */
  get(document: vscode.TextDocument): ModelCheck | undefined {
    const result = this.results.get(document.uri.toString());
    if (!result) this.request(document);
    else if (result.version !== document.version) this.request(document);
    return result?.check;
  }

  /** The check of the document's current version, or undefined while it is being made. */
  current(document: vscode.TextDocument): ModelCheck | undefined {
    const result = this.results.get(document.uri.toString());
    if (result?.version === document.version) return result.check;
    this.request(document);
    return undefined;
  }

  /** Starts a check of the document's current version unless one is in or on its way. */
  request(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.results.get(key)?.version === document.version) return;
    if (this.inFlight.has(key)) {
      this.again.set(key, document);
      return;
    }
    this.inFlight.add(key);
    const version = document.version;
    void this.checker.check(document.getText(), document.fileName).then((check) => {
      this.inFlight.delete(key);
      const shown = this.results.get(key);
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
      if (open && (!shown || shown.version < version)) {
        this.results.set(key, { version, check });
        this.checked.fire({ document, check });
      }
      const next = this.again.get(key);
      this.again.delete(key);
      if (next && open) this.request(next);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.checked.dispose();
    this.results.clear();
  }
}
