import {
  errorText, isRpcMessage, RpcClient, RpcServer, type RequestOptions, type RpcHandlers, type RpcMessage, type RpcMethods,
} from '../../webviews/shared/rpc';

/** The part of a `vscode.Webview` the bridge needs (a fake in unit tests). */
export interface WebviewPort {
  postMessage(message: unknown): Thenable<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => void): { dispose(): void };
}

/** Messages every page sends besides its own: `ready` once it listens, `unloading` when it goes away (reload). */
export type PageLifecycleMessage = { readonly type: 'ready' } | { readonly type: 'unloading' };

/** What a panel speaks; every validator runs at the boundary on what the page sent. */
export interface PanelProtocol<FromView, HostServes extends RpcMethods, ViewServes extends RpcMethods> {
  /** True for a well-formed plain message of this panel (neither lifecycle nor RPC). */
  isMessage(value: unknown): value is FromView;
  /** Requests the page may send, and checks of their params. */
  readonly handlers: RpcHandlers<HostServes>;
  readonly params: { readonly [K in keyof HostServes]: (value: unknown) => value is HostServes[K]['params'] };
  /** Checks of what the page answers to the extension's requests. */
  readonly results: { readonly [K in keyof ViewServes]: (value: unknown) => value is ViewServes[K]['result'] };
}

export interface BridgeEvents<FromView> {
  /** The page (re)loaded and listens: send it its state. */
  onReady(): void;
  onMessage(message: FromView): void;
  log(line: string): void;
}

/**
 * Everything between a panel and its page except vscode itself: the ready handshake (armed again when the page
 * unloads or says `ready` a second time, so nothing is posted into a page that is gone), typed requests both ways,
 * and the check of every inbound message (a malformed one is logged and dropped).
 */
export class WebviewBridge<FromView, HostServes extends RpcMethods, ViewServes extends RpcMethods> {
  private readonly client: RpcClient<ViewServes>;
  private readonly server: RpcServer<HostServes>;
  private readonly subscription: { dispose(): void };
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  /** `ready` is a promise still waiting for the page (set by `rearm`). */
  private waiting = false;
  private isReady = false;
  private disposed = false;

  constructor(private readonly port: WebviewPort, protocol: PanelProtocol<FromView, HostServes, ViewServes>,
    private readonly events: BridgeEvents<FromView>) {
    const send = (message: RpcMessage) => { void this.postNow(message); };
    this.client = new RpcClient<ViewServes>(send, protocol.results);
    this.server = new RpcServer<HostServes>(send, protocol.handlers, protocol.params, (line) => events.log(line));
    this.rearm();
    this.subscription = port.onDidReceiveMessage((message) => this.receive(message, protocol));
  }

  /** Posts once the page is ready. Resolves to false when the panel was closed first. */
  async post(message: unknown): Promise<boolean> {
    await this.ready;
    return this.postNow(message);
  }

  /** Asks the page; waits for it to be ready first. */
  async request<K extends keyof ViewServes & string>(method: K, params: ViewServes[K]['params'],
    options?: RequestOptions): Promise<ViewServes[K]['result']> {
    await this.ready;
    if (this.disposed) throw new Error('the panel was closed');
    return this.client.request(method, params, options);
  }

  /** The page is being replaced (e.g. its HTML is set again): hold messages until it says `ready`. */
  rearm(): void {
    if (!this.waiting) {
      this.isReady = false;
      this.waiting = true;
      this.ready = new Promise<void>((resolve) => { this.markReady = resolve; });
    }
    this.client.failAll('the panel reloaded');
    this.server.abortAll();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.client.failAll('the panel was closed');
    this.server.abortAll();
    this.markReady(); // whoever awaits `post` learns the panel closed
  }

  private receive(message: unknown, protocol: PanelProtocol<FromView, HostServes, ViewServes>): void {
    if (this.disposed) return;
    if (isRpcMessage(message)) {
      switch (message.type) {
        case 'rpcRequest': this.server.handleRequest(message); return;
        case 'rpcCancel': this.server.handleCancel(message); return;
        case 'rpcResponse':
          if (!this.client.handleResponse(message)) this.events.log(`answer to no request in flight (${message.id})`);
          return;
        default: {
          const unexpected: never = message;
          this.events.log(`unexpected RPC message ${JSON.stringify(unexpected)}`);
          return;
        }
      }
    }
    if (isLifecycle(message)) {
      if (message.type === 'unloading') { this.rearm(); return; }
      // A second `ready` without `unloading` first: the page reloaded without saying so.
      if (this.isReady) this.rearm();
      this.isReady = true;
      this.waiting = false;
      this.markReady();
      this.callSafely(() => this.events.onReady());
      return;
    }
    if (protocol.isMessage(message)) { this.callSafely(() => this.events.onMessage(message)); return; }
    this.events.log(`malformed message from the page, ignored: ${preview(message)}`);
  }

  private async postNow(message: unknown): Promise<boolean> {
    if (this.disposed) return false;
    try {
      return await this.port.postMessage(message);
    } catch (error) {
      this.events.log(`could not post to the page: ${errorText(error)}`);
      return false;
    }
  }

  private callSafely(action: () => void): void {
    try { action(); } catch (error) { this.events.log(`panel handler failed: ${errorText(error)}`); }
  }
}

function isLifecycle(value: unknown): value is PageLifecycleMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as Record<string, unknown>)['type'];
  return type === 'ready' || type === 'unloading';
}

function preview(value: unknown): string {
  try { return (JSON.stringify(value) ?? String(value)).slice(0, 200); } catch { return String(value); }
}
