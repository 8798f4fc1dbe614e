import * as vscode from 'vscode';

/** Model definition files: `*.model.yaml`, `*.model.yml`, `*.model.json`, whatever language mode they are in. */
export const MODEL_FILE_PATTERN = '**/*.model.{yaml,yml,json}';
export const MODEL_SELECTOR: vscode.DocumentSelector = [{ pattern: MODEL_FILE_PATTERN }];

export function isModelFile(fileName: string): boolean {
  return /\.model\.(ya?ml|json)$/i.test(fileName);
}

/** Converts the language module's 0-based range to VS Code's. */
export function toVsRange(range: { start: { line: number; col: number }; end: { line: number; col: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.col, range.end.line, range.end.col);
}

/** The model file a command means: its argument, else the active editor's, else the only visible one's. */
export function modelFileTarget(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string' && target !== '') return vscode.Uri.file(target);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isModelFile(active.fileName)) return active.uri;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).filter((d) => isModelFile(d.fileName));
  return visible.length === 1 ? visible[0]?.uri : undefined;
}
