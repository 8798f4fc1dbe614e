import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { TrainResult } from '../../../runtime/protocol';
import type { InspectorViewState } from '../../../webviews/inspector/protocol';

/** The temporary copy of samples/ the tests run in (set by runTests.ts). */
export const WORKSPACE = process.env.LAYERLENS_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
export const workspaceFile = (name: string) => vscode.Uri.file(join(WORKSPACE, name));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined), or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** Writes a model file into the workspace and trains it through the extension's command; fails unless it completes. */
export async function trainModelFile(name: string, text: string): Promise<{ uri: vscode.Uri; result: TrainResult }> {
  const uri = workspaceFile(name);
  await writeFile(uri.fsPath, text);
  const result = await vscode.commands.executeCommand<TrainResult | undefined>('layerlens.train', uri);
  assert.equal(result?.status, 'completed', result?.message);
  return { uri, result };
}

/**
 * Opens the Inspector on a model file beside it and waits until the page opened the run (openRun) and drew the layers
 * in view (featureMaps) through the extension.
 */
export async function openInspector(uri: vscode.Uri): Promise<InspectorViewState> {
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('layerlens.inspectModel', uri);
  return eventually('the Inspector drew its layers', async () => {
    const current = await vscode.commands.executeCommand<InspectorViewState | undefined>('layerlens.test.inspectorState');
    return current && current.layers.length > 0 ? current : undefined;
  }, 120_000);
}
