import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/**
 * The HTML shell of every panel: a strict CSP (`default-src 'none'`, scripts only by nonce, styles and images only
 * from the bundle), the panel's script and style from `dist/webviews/`, and an optional initial state embedded as
 * JSON so the panel can paint before the first message.
 */
export function webviewHtml(webview: vscode.Webview, bundleRoot: vscode.Uri, panelName: string, title: string,
  initialState?: unknown): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, file)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data: blob:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${panelName}.css`)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
${initialState === undefined ? '' : `<script type="application/json" id="${INITIAL_STATE_ID}">${jsonForHtml(initialState)}</script>`}
<script nonce="${nonce}" src="${asset(`${panelName}.js`)}"></script>
</body>
</html>`;
}

/** Id of the JSON block holding the panel's first state (read by `webviews/shared/vscode-api.ts`). */
export const INITIAL_STATE_ID = 'layerlens-initial-state';

/** JSON that cannot end its `<script>` block early: `<`, `>` and `&` become escapes JSON.parse reads back. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
