import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { SHARED_RUNTIME, type RuntimeLease, type RuntimeManager } from '../runtime/runtime-manager';
import type { RuntimeProcess } from '../runtime/runtime-process';
import type { RunStatus, TrainResult } from '../../runtime/protocol';
import { markCrashed } from '../../runtime/runs';
import type { RunEvent } from './run-events';

interface ActiveRun {
  runId?: string;
  runDir?: string;
  /** Stop was asked for before the runtime said which run it started: stop it as soon as it does. */
  stopRequested?: boolean;
  /** The runtime training it, held by a lease until the run ends. */
  runtime?: RuntimeProcess;
  readonly done: Promise<void>;
}

/**
 * Starts and stops training runs, each model file in its own runtime child, one run per model file at a time, and
 * turns the runtime's notifications into `RunEvent`s for the status bar and panels. When the runtime dies mid-run, the run is marked
 * `crashed` on disk (its metrics stay) and the user is offered Restart or Resume.
 */
export class TrainingService implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private readonly runFiles = new Map<string, string>();
  private readonly events = new vscode.EventEmitter<RunEvent>();
  readonly onRunEvent = this.events.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly runtime: RuntimeManager, private readonly output: vscode.LogOutputChannel,
    /** Asked before each run with the model's text; false cancels it (data outside the workspace not confirmed). */
    private readonly confirmRun: (uri: vscode.Uri, text: string) => Promise<boolean> = () => Promise.resolve(true)) {
    this.subscriptions.push(this.events, runtime.onNotification((n) => {
      switch (n.type) {
        case 'runStarted': {
          this.runFiles.set(n.runId, n.modelFile);
          const run = this.active.get(n.modelFile);
          if (run) {
            run.runId = n.runId;
            run.runDir = n.runDir;
            if (run.stopRequested) void run.runtime?.request('stop', { runId: n.runId });
          }
          this.output.info(`run ${n.runId} started on ${n.backend} (${n.device}) in ${n.runDir}`);
          for (const reason of n.reasons) this.output.info(`  not used: ${reason}`);
          this.events.fire({ type: 'started', runId: n.runId, runDir: n.runDir, modelFile: n.modelFile,
            backend: n.backend, device: n.device, reasons: n.reasons });
          return;
        }
        case 'runMetrics': {
          const modelFile = this.runFiles.get(n.runId);
          if (modelFile) {
            this.events.fire({ type: 'metrics', runId: n.runId, modelFile, rows: n.rows, progress: n.progress,
              ...(n.boundary ? { boundary: n.boundary } : {}) });
          }
          return;
        }
        default: {
          const unexpected: never = n;
          this.output.warn(`unexpected notification ${JSON.stringify(unexpected)}`);
        }
      }
    }));
  }

  isTraining(modelFile: string): boolean { return this.active.has(modelFile); }

  /** Where runs of a model file go: `<workspace folder>/.layerlens/runs`, else next to the file. */
  static runsDir(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return join(folder ? folder.uri.fsPath : dirname(uri.fsPath), '.layerlens', 'runs');
  }

  /** Trains a model file (or resumes a run of it). Resolves when the run has ended, however it ended. */
  async train(uri: vscode.Uri, options: { resumeRunDir?: string; epochs?: number } = {}): Promise<TrainResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('LayerLens trains models only in trusted workspaces.', 'Manage Workspace Trust')
        .then((c) => { if (c) void vscode.commands.executeCommand('workbench.trust.manage'); });
      return undefined;
    }
    const modelFile = uri.fsPath;
    if (this.active.has(modelFile)) {
      void vscode.window.showInformationMessage(`LayerLens is already training ${vscode.workspace.asRelativePath(uri)}.`);
      return undefined;
    }
    let finish: () => void = () => undefined;
    const run: ActiveRun = { done: new Promise<void>((r) => { finish = r; }) };
    this.active.set(modelFile, run); // before any await: a second click sees the run
    let lease: RuntimeLease<RuntimeProcess> | undefined;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : await readFile(modelFile, 'utf8');
      if (!await this.confirmRun(uri, text)) return undefined;
      lease = await this.runtime.acquire(modelFile);
      run.runtime = lease.runtime;
      const settings = vscode.workspace.getConfiguration('layerlens');
      const keepCheckpoints = settings.get<number>('keepCheckpoints', 3);
      const threads = settings.get<number>('threads', 0);
      const request = lease.runtime.request('train', { modelFile, text, runsDir: TrainingService.runsDir(uri),
        backend: this.runtime.backendOptions(), resumeRunDir: options.resumeRunDir, epochs: options.epochs, keepCheckpoints, threads });
      const result = await this.withProgress(uri, run, request);
      this.fireEnded(modelFile, result.runId, result.runDir, result.status, result.final, result.message);
      if (result.status === 'failed') void vscode.window.showErrorMessage(`LayerLens: training failed: ${result.message ?? ''}`);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.onRunLost(uri, run, message);
      return undefined;
    } finally {
      this.active.delete(modelFile);
      lease?.dispose();
      finish();
    }
  }

  /**
   * Evaluates a finished run's final model or checkpoint `epoch` in the shared runtime (training runtimes stay busy
   * with their runs) and resolves with the path of its evaluation.json.
   */
  async evaluate(runDir: string, epoch?: number): Promise<string> {
    const lease = await this.runtime.acquire(SHARED_RUNTIME);
    try {
      const params = { runDir, backend: this.runtime.backendOptions(), ...(epoch !== undefined ? { epoch } : {}) };
      return (await lease.runtime.request('evaluate', params)).path;
    } finally {
      lease.dispose();
    }
  }

  /** Asks the run of a model file (or every run) to stop; resolves once it has. */
  async stop(modelFile?: string): Promise<void> {
    const targets = [...this.active.entries()].filter(([file]) => modelFile === undefined || file === modelFile);
    await Promise.all(targets.map(async ([, run]) => {
      run.stopRequested = true;
      if (run.runId && run.runtime) await run.runtime.request('stop', { runId: run.runId });
      await run.done;
    }));
  }

  private withProgress(uri: vscode.Uri, run: ActiveRun, request: Promise<TrainResult>): Promise<TrainResult> {
    const title = `LayerLens: training ${vscode.workspace.asRelativePath(uri)}`;
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        let reported = 0;
        const listener = this.onRunEvent((e) => {
          if (e.type !== 'metrics' || e.runId !== run.runId) return;
          const p = e.progress;
          const done = ((p.epoch - 1) * p.batchesPerEpoch + p.batch) / (p.epochs * p.batchesPerEpoch) * 100;
          progress.report({ increment: Math.max(0, done - reported), message: `epoch ${p.epoch}/${p.epochs}` });
          reported = Math.max(reported, done);
        });
        const cancel = token.onCancellationRequested(() => { void this.stop(uri.fsPath); });
        try { return await request; } finally { listener.dispose(); cancel.dispose(); }
      }));
  }

  /** The runtime died or refused: mark the run crashed on disk and offer Restart / Resume. */
  private onRunLost(uri: vscode.Uri, run: ActiveRun, message: string): void {
    this.output.error(`training ${uri.fsPath}: ${message}`);
    if (!run.runId || !run.runDir) {
      void vscode.window.showErrorMessage(`LayerLens: training could not start: ${message}`);
      return;
    }
    try { markCrashed(run.runDir, message); } catch (error) {
      this.output.error(`could not mark ${run.runDir} crashed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.fireEnded(uri.fsPath, run.runId, run.runDir, 'crashed', {}, message);
    const runDir = run.runDir;
    void vscode.window.showErrorMessage(`LayerLens: the runtime stopped during training (${message}). Metrics so far are kept.`,
      'Restart', 'Resume').then((choice) => {
      if (choice === 'Restart') void this.train(uri);
      if (choice === 'Resume') void this.train(uri, { resumeRunDir: runDir });
    });
  }

  private fireEnded(modelFile: string, runId: string, runDir: string, status: RunStatus,
    final: Readonly<Record<string, number>>, message?: string): void {
    this.events.fire({ type: 'ended', runId, runDir, modelFile, status, final, ...(message ? { message } : {}) });
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
