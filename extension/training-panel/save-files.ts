// Files of the Training panel: the model file's text, and save dialogs for the CSV of the shown runs and a chart as
// PNG, written where the user chooses.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RunFolders } from '../runs/run-folders';
import { metricsCsv } from './csv';

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/;

/** Asks where to save (next to the model file by default) and writes the bytes; undefined when cancelled. */
async function saveAs(modelUri: vscode.Uri, fileName: string, filters: Record<string, string[]>,
  bytes: () => Uint8Array): Promise<vscode.Uri | undefined> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(modelUri, '..', fileName), filters, saveLabel: 'Save',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes());
  return target;
}

export function saveCsv(modelUri: vscode.Uri, csv: string): Promise<vscode.Uri | undefined> {
  return saveAs(modelUri, `${stem(modelUri)}-metrics.csv`, { CSV: ['csv'] }, () => new TextEncoder().encode(csv));
}

/** The rows of `runs` (in that order) as one CSV, saved where the user chooses. */
export async function exportCsv(modelUri: vscode.Uri, folders: RunFolders,
  runs: readonly { readonly runDir: string; readonly meta: { readonly runId: string } }[]): Promise<vscode.Uri | undefined> {
  if (runs.length === 0) throw new Error('no run is shown');
  const rows = await Promise.all(runs.map(async (run) => ({ runId: run.meta.runId, rows: await folders.metrics(run.runDir) })));
  return saveCsv(modelUri, metricsCsv(rows));
}

/** The text the user sees (unsaved edits included), else the file on disk; '' when neither can be read. */
export async function modelText(modelFile: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === modelFile);
  if (open) return open.getText();
  try { return await readFile(modelFile, 'utf8'); } catch { return ''; }
}

/** `dataUrl` must be a base64 PNG data URL (what canvas.toDataURL gives); anything else is refused. */
export function savePng(modelUri: vscode.Uri, chartName: string, dataUrl: string): Promise<vscode.Uri | undefined> {
  const base64 = PNG_DATA_URL.exec(dataUrl)?.[1];
  if (base64 === undefined) return Promise.reject(new Error('the chart image is not a PNG data URL'));
  const safeName = chartName.replace(/[^A-Za-z0-9._-]+/g, '-') || 'chart';
  return saveAs(modelUri, `${stem(modelUri)}-${safeName}.png`, { PNG: ['png'] }, () => Buffer.from(base64, 'base64'));
}

/** `mlp-xor` for `mlp-xor.model.yaml`. */
function stem(uri: vscode.Uri): string {
  return basename(uri.fsPath).replace(/\.model\.(ya?ml|json)$/i, '').replace(/\.[^.]+$/, '');
}
