import {
  isRpcMessage, RpcClient, RpcServer, type RequestOptions, type RpcHandlers, type RpcMessage, type RpcMethods,
} from './rpc';

/** The typed side of `acquireVsCodeApi()` for a panel: post its messages, receive the extension's, keep state. */
interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Same id as `INITIAL_STATE_ID` in `extension/webview/webview-html.ts`. */
const INITIAL_STATE_ID = 'layerlens-initial-state';

/** What the extension embedded in the HTML for the first paint, if anything (unchecked: the extension wrote it). */
export function initialState<T>(): T | undefined {
  const text = document.getElementById(INITIAL_STATE_ID)?.textContent;
  if (!text) return undefined;
  try { return JSON.parse(text) as T; } catch { return undefined; }
}

/** Requests the page makes of the extension (`HostServes`) and answers (`ViewServes`). */
export interface PanelRpc<HostServes extends RpcMethods, ViewServes extends RpcMethods> {
  /** Checks of the extension's answers. */
  readonly results: { readonly [K in keyof HostServes]: (value: unknown) => value is HostServes[K]['result'] };
  readonly handlers?: RpcHandlers<ViewServes>;
  readonly params?: { readonly [K in keyof ViewServes]: (value: unknown) => value is ViewServes[K]['params'] };
}

export interface PanelChannel<ToView, FromView, State, HostServes extends RpcMethods = Record<never, never>> {
  post(message: FromView): void;
  /** Installs the listener, then sends `ready` so the extension knows nothing it posts will be lost. */
  listen(handler: (message: ToView) => void, ready: FromView): void;
  /** Asks the extension; with `latestWins`, an older request of the same key still running is cancelled. */
  request<K extends keyof HostServes & string>(method: K, params: HostServes[K]['params'],
    options?: RequestOptions): Promise<HostServes[K]['result']>;
  getState(): State | undefined;
  setState(state: State): void;
}

export function panelChannel<ToView, FromView, State = unknown, HostServes extends RpcMethods = Record<never, never>,
  ViewServes extends RpcMethods = Record<never, never>>(
  rpc?: PanelRpc<HostServes, ViewServes>): PanelChannel<ToView, FromView, State, HostServes> {
  const api = acquireVsCodeApi<State>();
  const send = (message: RpcMessage) => api.postMessage(message);
  const client = new RpcClient<HostServes>(send, rpc?.results ?? noChecks<HostServes>());
  const server = rpc?.handlers && rpc.params
    ? new RpcServer<ViewServes>(send, rpc.handlers, rpc.params, (line) => console.warn(line))
    : undefined;
  return {
    post: (message) => api.postMessage(message),
    listen: (handler, ready) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = event.data;
        if (!isRpcMessage(message)) { handler(message as ToView); return; }
        if (message.type === 'rpcResponse') client.handleResponse(message);
        else if (message.type === 'rpcRequest') server?.handleRequest(message);
        else server?.handleCancel(message);
      });
      // A reload (or close) is announced, so the extension holds what it posts until the next `ready`.
      window.addEventListener('pagehide', () => api.postMessage({ type: 'unloading' }));
      api.postMessage(ready);
    },
    request: (method, params, options) => client.request(method, params, options),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}

/** A panel that asks the extension nothing has no results to check. */
function noChecks<M extends RpcMethods>(): { readonly [K in keyof M]: (value: unknown) => value is M[K]['result'] } {
  return new Proxy({}, { get: () => () => false }) as { readonly [K in keyof M]: (value: unknown) => value is M[K]['result'] };
}
