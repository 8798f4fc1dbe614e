import * as vscode from 'vscode';
import { keyHoverAt, layerAt, namesDocumentedKey, layerHoverMarkdown, type HoverSection, type LayerInfo } from '../../runtime/language';
import type { ModelCheckCache } from './model-check-cache';
import { toVsRange } from './model-files';

/**
 * Extra hover sections for a layer ("Last run" statistics, the feature-map thumbnail). May be async: the hover waits
 * for it at most `CONTRIBUTOR_WAIT_MS`, then shows what it has (a slow contributor shows up on the next hover).
 */
export type LayerHoverContributor = (document: vscode.TextDocument, layer: LayerInfo) => HoverSection[] | Promise<HoverSection[]>;

const CONTRIBUTOR_WAIT_MS = 1000;
/** Larger files get no key documentation on hover, so a hover never parses much text on the extension host. */
const KEY_HOVER_MAX_CHARS = 64 * 1024;

export class ModelHoverProvider implements vscode.HoverProvider {
  private readonly contributors: LayerHoverContributor[] = [];

  constructor(private readonly checks: ModelCheckCache) {}

  addContributor(contributor: LayerHoverContributor): vscode.Disposable {
    this.contributors.push(contributor);
    return new vscode.Disposable(() => this.contributors.splice(this.contributors.indexOf(contributor), 1));
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = { line: position.line, col: position.character };
    const check = this.checks.get(document); // the last check, even of an earlier version: hovers never wait
    const layer = check ? layerAt(check, at) : undefined;
    if (!layer) {
      // Key docs parse the text on the extension host: only for small files, and only on a line naming such a key.
      if (document.getText().length > KEY_HOVER_MAX_CHARS || !namesDocumentedKey(document.lineAt(position.line).text)) return undefined;
      const key = keyHoverAt(document.getText(), at);
      return key ? new vscode.Hover(new vscode.MarkdownString(key.markdown), toVsRange(key.range)) : undefined;
    }
    const extra = (await Promise.all(this.contributors.map((contribute) => withinWait(contribute(document, layer))))).flat();
    const markdown = new vscode.MarkdownString(layerHoverMarkdown(layer, extra));
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toVsRange(layer.range));
  }
}

/** The sections, or none when they are not ready within the wait (or failed). */
async function withinWait(sections: HoverSection[] | Promise<HoverSection[]>): Promise<HoverSection[]> {
  if (Array.isArray(sections)) return sections;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<HoverSection[]>((resolve) => { timer = setTimeout(() => resolve([]), CONTRIBUTOR_WAIT_MS); });
  try {
    return await Promise.race([sections.catch(() => []), late]);
  } finally {
    clearTimeout(timer);
  }
}
