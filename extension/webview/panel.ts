import * as vscode from 'vscode';
import type { RequestOptions, RpcMethods } from '../../webviews/shared/rpc';
import { webviewHtml } from './webview-html';
import { WebviewBridge, type PanelProtocol } from './webview-bridge';

/** A panel that serves no requests, or asks its page none. */
export type NoMethods = Record<never, never>;

/** How the panel is built: its bundle name, its protocol, and the state its page paints first. */
export interface PanelSetup<FromView, HostServes extends RpcMethods, ViewServes extends RpcMethods> {
  readonly extensionUri: vscode.Uri;
  /** Name of the bundle in `dist/webviews/` (`<name>.js`, `<name>.css`). */
  readonly panelName: string;
  readonly protocol: PanelProtocol<FromView, HostServes, ViewServes>;
  /** Embedded in the HTML so the page paints at once, before any message (read with `initialState()`). */
  readonly initialState?: unknown;
  readonly log: (line: string) => void;
}

/**
 * Base of every LayerLens panel: creates or revives the webview with the bundle as its only resource root, holds
 * messages until the page says `ready` (armed again whenever the page reloads, so nothing posted is lost), answers
 * and sends typed requests, checks every inbound message, and owns its listeners.
 */
export abstract class Panel<ToView, FromView extends { type: string }, HostServes extends RpcMethods = NoMethods,
  ViewServes extends RpcMethods = NoMethods> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly bridge: WebviewBridge<FromView, HostServes, ViewServes>;
  private disposed = false;

  protected constructor(protected readonly panel: vscode.WebviewPanel,
    private readonly setup: PanelSetup<FromView, HostServes, ViewServes>) {
    const bundleRoot = vscode.Uri.joinPath(setup.extensionUri, 'dist', 'webviews');
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundleRoot] };
    this.bridge = new WebviewBridge(panel.webview, setup.protocol, {
      onReady: () => this.onReady(),
      onMessage: (message) => this.onMessage(message),
      log: (line) => setup.log(`${setup.panelName} panel: ${line}`),
    });
    this.setHtml(setup.initialState);
    this.disposables.push(panel.onDidDispose(() => this.dispose()));
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
  post(message: ToView): Promise<boolean> {
    return this.bridge.post(message);
  }

  /** Asks the page (typed per method; fails on timeout, cancel, reload or close). */
  protected request<K extends keyof ViewServes & string>(method: K, params: ViewServes[K]['params'],
    options?: RequestOptions): Promise<ViewServes[K]['result']> {
    return this.bridge.request(method, params, options);
  }

  /** Loads the page again with a new first state; messages wait for its `ready`. */
  protected setHtml(initialState: unknown): void {
    this.bridge.rearm();
    const bundleRoot = vscode.Uri.joinPath(this.setup.extensionUri, 'dist', 'webviews');
    this.panel.webview.html = webviewHtml(this.panel.webview, bundleRoot, this.setup.panelName, this.panel.title, initialState);
  }

  get isDisposed(): boolean { return this.disposed; }

  /** The page (re)loaded and listens: send it its state. */
  protected abstract onReady(): void;
  protected abstract onMessage(message: FromView): void;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.bridge.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
