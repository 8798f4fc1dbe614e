// The real Training panel bundle (webviews/training/main.ts) on a plain page: a stand-in for `acquireVsCodeApi`
// records what the panel posts, and messages from "the extension" are delivered with window.postMessage, as VS Code
// does. Used by bench-panel.mjs (and handy for poking at the panel in a browser).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// Stand-ins for the variables VS Code defines in a webview (Dark Modern values).
export const THEME = `:root {
  --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185;
  --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editorWidget-border: #454545;
  --vscode-editor-background: #1f1f1f; --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-button-background: #0078d4;
  --vscode-errorForeground: #f85149; --vscode-focusBorder: #0078d4;
}`;

const VSCODE_API_STUB = `window.__posted = []; window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** HTML of a page running the panel bundle (script and CSS inlined). */
export async function panelPageHtml() {
  const result = await build({
    entryPoints: [join(root, 'webviews/training/main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser',
    target: 'chrome120', minify: true, outdir: join(root, 'out/bench-panel'), loader: { '.css': 'css' }, logLevel: 'warning',
  });
  const text = (ext) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
  const script = text('.js').replaceAll('</script', '<\\/script');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${THEME}</style><style>${text('.css')}</style></head>
<body class="vscode-dark"><main id="root"></main><script>${VSCODE_API_STUB}</script><script>${script}</script></body></html>`;
}

/** JSON.stringify replacer: typed arrays (metric columns, boundary frames) as base64 bytes, rebuilt by the page. */
function encodeTypedArrays(_key, value) {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { typedArray: value.constructor.name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  return value;
}

/**
 * Posts messages to the panel page in order, as webview.postMessage does: each is serialised once (JSON, typed arrays
 * as bytes, like VS Code's IPC to a webview), parsed in the page and handed to the panel with window.postMessage.
 * The caller is never blocked; `delivered()` resolves once everything posted so far has been handed over.
 * @param {import('playwright-core').Page} page
 */
export function panelPoster(page) {
  let delivery = Promise.resolve();
  return {
    post(message) {
      const json = JSON.stringify(message, encodeTypedArrays);
      delivery = delivery.then(() => page.evaluate((text) => window.postMessage(JSON.parse(text, (_key, value) => {
        if (typeof value !== 'object' || value === null || typeof value.typedArray !== 'string') return value;
        const bytes = Uint8Array.from(atob(value.base64), (c) => c.charCodeAt(0));
        return new globalThis[value.typedArray](bytes.buffer);
      }), '*'), json));
    },
    delivered: () => delivery,
  };
}
