import * as vscode from 'vscode';
import { keyHoverAt, layerAt, layerHoverMarkdown, type HoverSection, type LayerInfo } from '../../runtime/language';
import type { ModelCheckCache } from './model-check-cache';
import { toVsRange } from './model-files';

/** Extra hover sections for a layer (the runtime adds "Last run" statistics through this). */
export type LayerHoverContributor = (document: vscode.TextDocument, layer: LayerInfo) => HoverSection[];

export class ModelHoverProvider implements vscode.HoverProvider {
  private readonly contributors: LayerHoverContributor[] = [];

  constructor(private readonly checks: ModelCheckCache) {}

  addContributor(contributor: LayerHoverContributor): vscode.Disposable {
    this.contributors.push(contributor);
    return new vscode.Disposable(() => this.contributors.splice(this.contributors.indexOf(contributor), 1));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const at = { line: position.line, col: position.character };
    const layer = layerAt(this.checks.get(document), at);
    if (!layer) {
      const key = keyHoverAt(document.getText(), at);
      return key ? new vscode.Hover(new vscode.MarkdownString(key.markdown), toVsRange(key.range)) : undefined;
    }
    const extra = this.contributors.flatMap((contribute) => contribute(document, layer));
    const markdown = new vscode.MarkdownString(layerHoverMarkdown(layer, extra));
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toVsRange(layer.range));
  }
}
