/** The typed side of `acquireVsCodeApi()` for a panel: post its messages, receive the extension's, keep state. */
interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export interface PanelChannel<ToView, FromView, State> {
  post(message: FromView): void;
  /** Installs the listener, then sends `ready` so the extension knows nothing it posts will be lost. */
  listen(handler: (message: ToView) => void, ready: FromView): void;
  getState(): State | undefined;
  setState(state: State): void;
}

export function panelChannel<ToView, FromView, State = unknown>(): PanelChannel<ToView, FromView, State> {
  const api = acquireVsCodeApi<State>();
  return {
    post: (message) => api.postMessage(message),
    listen: (handler, ready) => {
      window.addEventListener('message', (event: MessageEvent<ToView>) => handler(event.data));
      api.postMessage(ready);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
