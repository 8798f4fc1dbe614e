import * as vscode from 'vscode';
import { join } from 'node:path';
import type { ModelCheck } from '../../runtime/language';
import { CheckWorkerClient, failedCheck } from './check-worker/check-worker-client';

export const DEFAULT_MAX_MODEL_FILE_SIZE = 1_048_576;

/** `layerlens.maxModelFileSize`: larger model files get one diagnostic and are never parsed. */
export function maxModelFileSize(): number {
  const value = vscode.workspace.getConfiguration('layerlens').get<number>('maxModelFileSize', DEFAULT_MAX_MODEL_FILE_SIZE);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_MODEL_FILE_SIZE;
}

export function tooLargeCheck(fileName: string, bytes: number, limit: number): ModelCheck {
  return failedCheck(fileName,
    `this file is ${formatBytes(bytes)}, more than layerlens.maxModelFileSize (${formatBytes(limit)}); it is not checked`, 'too-large');
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Checks model files in a worker thread (dist/check-worker.js), never on the extension host's thread: results come
 * back as promises. Texts over `layerlens.maxModelFileSize` are answered at once with one diagnostic, unparsed.
 */
export class ModelChecker implements vscode.Disposable {
  private readonly client: CheckWorkerClient;

  constructor(extensionPath: string) {
    this.client = new CheckWorkerClient(join(extensionPath, 'dist', 'check-worker.js'));
  }

  check(text: string, fileName: string): Promise<ModelCheck> {
    const limit = maxModelFileSize();
    // UTF-16 length bounds the UTF-8 size from below by a factor of 3 at most: only measure when it could be over.
    const bytes = text.length * 3 > limit ? Buffer.byteLength(text, 'utf8') : text.length;
    if (bytes > limit) return Promise.resolve(tooLargeCheck(fileName, bytes, limit));
    return this.client.check(text, fileName);
  }

  dispose(): void {
    this.client.dispose();
  }
}
