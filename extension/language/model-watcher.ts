import * as vscode from 'vscode';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { safeCheck } from './model-check-cache';
import { toVsDiagnostics } from './diagnostics';

/** Folders never watched: dependencies, our own run output, VCS and build folders. */
const IGNORED_DIRS = new Set(['node_modules', '.layerlens', '.git', 'dist', 'out', '.venv', '__pycache__']);
const DEBOUNCE_MS = 150;

/**
 * Watches model files on disk with chokidar (`layerlens.modelGlobs`) and publishes diagnostics for files that are not
 * open in an editor, so changes made outside the editor (git checkout, generators, another editor) show up in
 * Problems. Open documents are checked from the editor's text instead. Debounced per file; disposed on deactivate.
 */
export class ModelFileWatcher implements vscode.Disposable {
  private watchers: FSWatcher[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly collection: vscode.DiagnosticCollection, private readonly output: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('layerlens.modelGlobs')) this.restart(); }),
    );
    this.restart();
  }

  /** Re-reads a file from disk and publishes its diagnostics, unless an editor owns it. */
  async refresh(path: string): Promise<void> {
    const uri = vscode.Uri.file(path);
    if (isOpen(uri)) return;
    try {
      const text = await readFile(path, 'utf8');
      if (!isOpen(uri)) this.collection.set(uri, toVsDiagnostics(safeCheck(text, path)));
    } catch {
      this.collection.delete(uri); // deleted or unreadable between the event and the read
    }
  }

  private restart(): void {
    this.closeWatchers();
    const globs = vscode.workspace.getConfiguration('layerlens').get<string[]>('modelGlobs', ['**/*.model.{yaml,yml,json}']);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const root = folder.uri.fsPath;
      const matches = picomatch(globs, { dot: true });
      const watcher = watch(root, {
        ignoreInitial: false,
        awaitWriteFinish: false,
        // chokidar 4 has no globs: skip ignored folders, and keep only files the globs match.
        ignored: (path, stats) => {
          const rel = relative(root, path);
          if (rel === '') return false;
          if (rel.split(sep).some((part) => IGNORED_DIRS.has(part))) return true;
          return stats?.isFile() === true && !matches(rel.split(sep).join('/'));
        },
      });
      watcher.on('add', (path) => this.schedule(path));
      watcher.on('change', (path) => this.schedule(path));
      watcher.on('unlink', (path) => { this.cancel(path); this.collection.delete(vscode.Uri.file(path)); });
      watcher.on('error', (error) => this.output.warn(`model file watcher: ${error instanceof Error ? error.message : String(error)}`));
      this.watchers.push(watcher);
    }
  }

  private schedule(path: string): void {
    this.cancel(path);
    this.timers.set(path, setTimeout(() => { this.timers.delete(path); void this.refresh(path); }, DEBOUNCE_MS));
  }

  private cancel(path: string): void {
    const timer = this.timers.get(path);
    if (timer) clearTimeout(timer);
    this.timers.delete(path);
  }

  private closeWatchers(): void {
    for (const watcher of this.watchers) void watcher.close();
    this.watchers = [];
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  dispose(): void {
    this.closeWatchers();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}
