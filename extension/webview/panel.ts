import * as vscode from 'vscode';
import { webviewHtml } from './webview-html';

/**
 * Base of every LayerLens panel: creates or revives the webview with the bundle as its only resource root, holds
 * messages until the page says `ready` (nothing posted early is lost), and owns its listeners.
 */
export abstract class Panel<ToView, FromView extends { type: string }> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readyResolve: (() => void) | undefined;
  private ready: Promise<void>;
  private disposed = false;

  protected constructor(protected readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, panelName: string) {
    const bundleRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundleRoot] };
    this.ready = this.resetReady();
    panel.webview.html = webviewHtml(panel.webview, bundleRoot, panelName, panel.title);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromView) => {
        if (message.type === 'ready') {
          this.readyResolve?.();
          this.onReady();
        } else this.onMessage(message);
      }),
    );
  }

  /** Options for `createWebviewPanel`: scripts on, resources only from the bundle, state kept while hidden. */
  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
    };
  }

  /** Posts once the page is ready. Resolves to false when the panel was closed first. */
  async post(message: ToView): Promise<boolean> {
    await this.ready;
    if (this.disposed) return false;
    return this.panel.webview.postMessage(message);
  }

  get isDisposed(): boolean { return this.disposed; }

  /** The page (re)loaded and listens: send it its state. */
  protected abstract onReady(): void;
  protected abstract onMessage(message: FromView): void;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.readyResolve?.();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private resetReady(): Promise<void> {
    return new Promise<void>((resolve) => { this.readyResolve = resolve; });
  }
}
