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
