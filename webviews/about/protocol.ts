/** Messages of the About panel. Types only: the extension and the webview both import them. */

/** What the runtime loaded (the panel's view of the runtime's `RuntimeInfo`). */
export interface AboutInfo {
  readonly extensionVersion: string;
  readonly tfjsVersion: string;
  /** Ladder rung in use, e.g. `wasm`. */
  readonly backend: string;
  readonly device: string;
  readonly software: boolean;
  /** Why faster rungs were not used, one line each. */
  readonly reasons: readonly string[];
  readonly runtimePid: number;
}

/** Extension → webview. */
export type AboutToView =
  | { readonly type: 'info'; readonly info: AboutInfo }
  | { readonly type: 'error'; readonly message: string };

/** Webview → extension. `ready` is sent once the page's listener is installed (the handshake). */
export type AboutFromView =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' };
