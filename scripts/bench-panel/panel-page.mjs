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
