import * as vscode from 'vscode';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { toVsDiagnostics } from './diagnostics';
import { maxModelFileSize, tooLargeCheck, type ModelChecker } from './model-checker';

/** Folders never watched: dependencies, our own run output, VCS and build folders. */
const IGNORED_DIRS = new Set(['node_modules', '.layerlens', '.git', 'dist', 'out', '.venv', '__pycache__']);
const DEBOUNCE_MS = 150;
/** The initial scan starts this long after activation, so activation itself never waits on the workspace's files. */
const SCAN_DELAY_MS = 1_000;

/**
 * Watches model files on disk with chokidar (`layerlens.modelGlobs`) and publishes diagnostics for files that are not
 * open in an editor, so changes made outside the editor (git checkout, generators, another editor) show up in
 * Problems. Open documents are checked from the editor's text instead. Debounced per file; disposed on deactivate.
 * Lazy: the first scan starts after activation; files are checked in the checker worker (never on this thread), those
 * over `layerlens.maxModelFileSize` are not even read, and a check overtaken by a newer one for its file is dropped.
 */
export class ModelFileWatcher implements vscode.Disposable {
  private watchers: FSWatcher[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Per file, the number of its newest refresh: an older refresh's result is dropped. */
  private readonly generations = new Map<string, number>();
  private scanTimer: NodeJS.Timeout | undefined;

  constructor(private readonly collection: vscode.DiagnosticCollection, private readonly output: vscode.LogOutputChannel,
    private readonly checker: ModelChecker) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('layerlens.modelGlobs')) this.restart(); }),
    );
    this.scanTimer = setTimeout(() => { this.scanTimer = undefined; this.restart(); }, SCAN_DELAY_MS);
  }

  /** Re-reads a file from disk and publishes its diagnostics, unless an editor owns it. */
  async refresh(path: string): Promise<void> {
    const uri = vscode.Uri.file(path);
    if (isOpen(uri)) return;
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    const current = () => this.generations.get(path) === generation && !isOpen(uri);
    try {
      const limit = maxModelFileSize();
      const { size } = await stat(path);
      const check = size > limit ? tooLargeCheck(path, size, limit) : await this.checker.check(await readFile(path, 'utf8'), path);
      if (current()) this.collection.set(uri, toVsDiagnostics(check));
    } catch {
      if (!current()) return;
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
      watcher.on('unlink', (path) => {
        this.cancel(path);
        this.generations.delete(path);
        this.collection.delete(vscode.Uri.file(path));
      });
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
    if (this.scanTimer) clearTimeout(this.scanTimer);
    this.closeWatchers();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}
