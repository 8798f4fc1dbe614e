import * as vscode from 'vscode';
import { basename, resolve } from 'node:path';
import { Panel, type NoMethods } from '../webview/panel';
import { TrainingService } from '../training/training-service';
import type { RunEvent } from '../training/run-events';
import type { RunFolders } from '../runs/run-folders';
import type {
  PanelState, TrainingFromView, TrainingToView, TrainingViewServes, TrainingWebviewState, ViewSettings,
} from '../../webviews/training/protocol';
import { trainingProtocol } from './messages';

/** `layerlens.inspectModel` (extension/inspector), named here so the two panels do not import each other. */
const INSPECT_COMMAND = 'layerlens.inspectModel';
import { inferBatchesPerEpoch } from './columns';
import { PointStreamer } from './point-streamer';
import { RunCatalogue, type ListedRun } from './run-summaries';
import { exportCsv, modelText, savePng } from './save-files';
import { evaluationMessage } from './evaluation-message';
import { epochImagesMessage, epochImagesReady } from './epoch-images-message';
import { pickComparedFiles } from './compared-files';
import { applyFixToModelFile } from '../training/doctor-fix';

export interface TrainingPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly training: TrainingService;
  readonly output: vscode.LogOutputChannel;
  /** Async, mtime-cached reads of run folders (shared with the hover and the Inspector). */
  readonly runFolders: RunFolders;
}

const STATE_QUERY_TIMEOUT_MS = 10_000;
/** While a run trains, its best metric, epochs and duration in the runs list are refreshed at most this often. */
const RUNS_REFRESH_MS = 1000;

/**
 * `LayerLens: Training`: live loss and metric curves of one model file's runs, beside the editor. One panel per model
 * file. History comes from the run folders on disk; live rows from the TrainingService, batched by a PointStreamer.
 */
export class TrainingPanel extends Panel<TrainingToView, TrainingFromView, NoMethods, TrainingViewServes> {
  static readonly viewType = 'layerlens.training';
  private static readonly panels = new Map<string, TrainingPanel>();

  private readonly modelFile: string;
  private readonly shown = new Set<string>();
  /** Other model files (absolute paths) whose runs are listed and can be overlaid ("Compare with…"). */
  private readonly compared = new Set<string>();
  private readonly catalogue: RunCatalogue;
  private readonly streamer: PointStreamer;
  private listed: ListedRun[] = [];
  private settings: ViewSettings | undefined;
  private live: { runId: string; backend: string; device: string } | undefined;
  private runsRefresh: ReturnType<typeof setTimeout> | undefined;
  /** Resolves once the page has been sent its init, runs and history (the first time it said ready). */
  private readonly initialised: Promise<void>;
  private markInitialised: () => void = () => undefined;

  /** Opens the panel of a model file beside the editor, or reveals the one already open. */
  static createOrShow(deps: TrainingPanelDeps, modelUri: vscode.Uri, options: { preserveFocus?: boolean } = {}): TrainingPanel {
    const existing = TrainingPanel.panels.get(modelUri.fsPath);
    if (existing && !existing.isDisposed) {
      existing.panel.reveal(undefined, options.preserveFocus ?? false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(TrainingPanel.viewType, titleOf(modelUri),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false }, Panel.options(deps.extensionUri));
    return TrainingPanel.revive(panel, deps, modelUri);
  }

  /** Used by `createOrShow` and by the serializer after a window reload (with the webview's saved state). */
  static revive(panel: vscode.WebviewPanel, deps: TrainingPanelDeps, modelUri: vscode.Uri,
    state?: Partial<TrainingWebviewState>): TrainingPanel {
    TrainingPanel.panels.get(modelUri.fsPath)?.dispose();
    const created = new TrainingPanel(panel, deps, modelUri, state);
    TrainingPanel.panels.set(modelUri.fsPath, created);
    return created;
  }

  /** The open panel of a model file (absolute path), if any; else the only open panel when `modelFile` is omitted. */
  static find(modelFile?: string): TrainingPanel | undefined {
    if (modelFile !== undefined) return TrainingPanel.panels.get(modelFile);
    const all = [...TrainingPanel.panels.values()];
    return all.length === 1 ? all[0] : undefined;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: TrainingPanelDeps, private readonly modelUri: vscode.Uri,
    state: Partial<TrainingWebviewState> | undefined) {
    super(panel, { extensionUri: deps.extensionUri, panelName: 'training', protocol: trainingProtocol(),
      log: (line) => deps.output.warn(line) });
    this.modelFile = modelUri.fsPath;
    this.catalogue = new RunCatalogue(deps.runFolders);
    this.settings = state?.settings;
    for (const runId of state?.shown ?? []) this.shown.add(runId);
    for (const file of state?.compared ?? []) this.compared.add(file);
    this.streamer = new PointStreamer((message) => { void this.post(message); });
    this.initialised = new Promise((resolve) => { this.markInitialised = resolve; });
    panel.title = titleOf(modelUri);
    this.disposables.push(
      deps.training.onRunEvent((event) => {
        if (event.modelFile === this.modelFile) this.onRunEvent(event);
        else if (this.compared.has(event.modelFile)) this.onComparedRunEvent(event);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.fsPath === this.modelFile) void this.sendRuns();
      }),
    );
  }

  get modelFileUri(): vscode.Uri { return this.modelUri; }

  /** What the webview holds (points per run, last loss), after everything pending was posted. Test hook. */
  async queryState(): Promise<PanelState> {
    await this.initialised;
    await this.streamer.flush();
    return this.request('state', {}, { timeoutMs: STATE_QUERY_TIMEOUT_MS });
  }

  protected onReady(): void {
    void this.sendEverything().finally(() => this.markInitialised());
  }

  protected onMessage(message: TrainingFromView): void {
    switch (message.type) {
      case 'ready': return;
      case 'setShown': this.setShown(message.runId, message.shown); return;
      case 'settings': this.settings = message.settings; return;
      case 'stop': void this.deps.training.stop(this.modelFile); return;
      case 'resume': {
        const run = this.listed.find((r) => r.meta.runId === message.runId && r.summary.modelFile === undefined);
        if (run) void this.deps.training.train(this.modelUri, { resumeRunDir: run.runDir });
        return;
      }
      case 'trainAgain': void this.deps.training.train(this.modelUri); return;
      case 'compareWith': void this.compareWith(); return;
      case 'evaluate': void this.report('evaluate', () => this.sendEvaluation(message.runId, message.epoch)); return;
      case 'epochImages': void this.sendEpochImages(message.runId, message.epoch); return;
      case 'inspect': {
        const run = this.listed.find((r) => r.meta.runId === message.runId);
        // A thumbnail opens its example (at the evaluated epoch); the run list's button opens the run.
        const focus = message.example !== undefined ? { example: message.example, epoch: message.epoch ?? null } : undefined;
        if (run) void vscode.commands.executeCommand(INSPECT_COMMAND, vscode.Uri.file(run.meta.modelFile), run.runDir, ...(focus ? [focus] : []));
        return;
      }
      case 'exportCsv':
        void this.report('export CSV', () => exportCsv(this.modelUri, this.deps.runFolders, message.runIds.flatMap((id) => this.listed.filter((r) => r.meta.runId === id))));
        return;
      case 'savePng': void this.report('save PNG', () => savePng(this.modelUri, message.name, message.dataUrl)); return;
      case 'applyFix':
        void this.report('apply the fix', async () => { await applyFixToModelFile(this.modelUri, message.fix); return undefined; });
        return;
      default: {
        const unexpected: never = message;
        this.deps.output.warn(`training panel: unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private onRunEvent(event: RunEvent): void {
    switch (event.type) {
      case 'started': {
        this.live = { runId: event.runId, backend: event.backend, device: event.device };
        this.shown.add(event.runId);
        // A resumed run restarts from its checkpoint: its history on disk replaces what the view holds.
        void this.sendRuns().then(() => this.sendHistory(event.runId));
        return;
      }
      case 'metrics': {
        if (this.shown.has(event.runId)) this.streamer.append(event.runId, event.rows);
        if (event.rows.some((row) => row.kind === 'epoch')) {
          this.scheduleRunsRefresh();
          const epoch = Math.max(...event.rows.map((row) => (row.kind === 'epoch' ? row.epoch : 0)));
          if (this.shown.has(event.runId)) void this.followEpochImages(event.runId, epoch);
        }
        if (event.boundary && this.shown.has(event.runId)) void this.post({ type: 'boundary', runId: event.runId, frame: event.boundary });
        const live = this.liveRun(event.runId);
        this.streamer.progress({ ...event.progress, runId: event.runId, backend: live.backend, device: live.device });
        return;
      }
      case 'ended': {
        void this.streamer.flush();
        if (this.live?.runId === event.runId) this.live = undefined;
        void this.sendRuns().then(() => (this.shown.has(event.runId) ? this.sendEvaluation(event.runId) : undefined));
        return;
      }
      default: {
        const unexpected: never = event;
        this.deps.output.warn(`training panel: unexpected run event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** A run of a compared file: its points when shown, and the list when it starts or ends (no live status). */
  private onComparedRunEvent(event: RunEvent): void {
    if (event.type === 'metrics') {
      if (this.shown.has(event.runId)) this.streamer.append(event.runId, event.rows);
      if (event.rows.some((row) => row.kind === 'epoch')) this.scheduleRunsRefresh();
    } else {
      void this.sendRuns();
    }
  }

  /** "Compare with…": the files picked replace the compared ones; a newly compared file's newest run is shown. */
  private async compareWith(): Promise<void> {
    const picked = await pickComparedFiles(this.deps.runFolders, TrainingService.runsDir(this.modelUri), this.modelFile, this.compared);
    if (picked === undefined || this.isDisposed) return;
    const added = picked.filter((file) => !this.compared.has(file));
    this.compared.clear();
    for (const file of picked) this.compared.add(file);
    await this.sendRuns();
    const newest = added.map((file) => this.listed.find((r) => r.summary.modelFile !== undefined && resolve(r.meta.modelFile) === file))
      .filter((r) => r !== undefined);
    for (const run of newest) this.shown.add(run.meta.runId);
    if (newest.length > 0) await this.sendRuns();
    await Promise.all(newest.map((run) => this.sendHistory(run.meta.runId)));
  }

  /** The run training now; adopted from its meta.json when the panel opened after it started. */
  private liveRun(runId: string): { runId: string; backend: string; device: string } {
    if (this.live?.runId !== runId) {
      const meta = this.listed.find((r) => r.meta.runId === runId)?.meta;
      this.live = { runId, backend: meta?.backend ?? '', device: meta?.device ?? '' };
    }
    return this.live;
  }

  /** The page (re)loaded: it holds nothing, so send the settings, the runs and the history of the shown ones. */
  private async sendEverything(): Promise<void> {
    await this.post({ type: 'init', modelFile: this.modelFile, displayName: vscode.workspace.asRelativePath(this.modelUri),
      ...(this.settings ? { settings: this.settings } : {}) });
    await this.sendRuns();
    if (this.shown.size === 0) {
      const newest = this.listed[0];
      if (newest) this.shown.add(newest.meta.runId);
      await this.sendRuns();
    }
    await Promise.all([...this.shown].map((runId) => this.sendHistory(runId)));
  }

  private async sendRuns(): Promise<void> {
    const text = await modelText(this.modelFile);
    const training = this.deps.training.isTraining(this.modelFile);
    let claimed = false;
    // Called for runs whose meta says `running`, newest first: only the live one (or the newest) really is.
    const runsDir = TrainingService.runsDir(this.modelUri);
    const own = await this.catalogue.list(runsDir, this.modelFile, text, (meta) => {
      if (!training) return false;
      if (this.live) return this.live.runId === meta.runId;
      const newest = !claimed;
      claimed = true;
      return newest;
    });
    const others = await Promise.all([...this.compared].map((file) => this.catalogue.listOther(runsDir, file,
      { text, file: this.modelFile }, () => this.deps.training.isTraining(file))));
    this.listed = [...own, ...others.flat()];
    const known = new Set(this.listed.map((r) => r.meta.runId));
    for (const runId of this.shown) if (!known.has(runId) && runId !== this.live?.runId) this.shown.delete(runId);
    await this.post({ type: 'runs', runs: this.listed.map((r) => r.summary), training, shown: [...this.shown], compared: [...this.compared] });
  }

  private scheduleRunsRefresh(): void {
    this.runsRefresh ??= setTimeout(() => {
      this.runsRefresh = undefined;
      if (!this.isDisposed) void this.sendRuns();
    }, RUNS_REFRESH_MS);
  }

  /**
   * A tick box changed. The runs message echoes the choice (it overrides a runs message that crossed it on the way),
   * and goes before the history so the view knows the run is shown when its points arrive.
   */
  private setShown(runId: string, shown: boolean): void {
    if (shown) {
      this.shown.add(runId);
      void this.sendRuns().then(() => this.sendHistory(runId));
    } else {
      this.shown.delete(runId);
      this.streamer.forget(runId);
      void this.sendRuns();
    }
  }

  /** Queues a run's rows from disk as a reset (the view replaces what it holds for the run). */
  private async sendHistory(runId: string): Promise<void> {
    const run = this.listed.find((r) => r.meta.runId === runId);
    if (!run) return;
    const rows = await this.deps.runFolders.metrics(run.runDir);
    if (this.isDisposed) return;
    this.streamer.reset(runId, rows, run.batchesPerEpoch ?? inferBatchesPerEpoch(rows));
    await Promise.all([this.sendEvaluation(runId), this.sendEpochImages(runId)]);
  }

  /** An epoch of a shown run ended: its images once they are on disk (GAN and reconstruction runs only). */
  private async followEpochImages(runId: string, epoch: number): Promise<void> {
    const run = this.listed.find((r) => r.meta.runId === runId);
    if (run && await epochImagesReady(this.deps.runFolders, run.runDir, run.meta.modelFile, epoch)) await this.sendEpochImages(runId);
  }

  /** A run's epoch images (the newest, or `epoch`'s), when it saves any. */
  private async sendEpochImages(runId: string, epoch?: number): Promise<void> {
    const run = this.listed.find((r) => r.meta.runId === runId);
    if (!run) return;
    const message = await epochImagesMessage(this.deps.runFolders, runId, run.runDir, epoch);
    if (message && !this.isDisposed) await this.post(message);
  }

  /** A run's evaluation (final model, or a checkpoint evaluated on demand first) and saved decision boundaries. */
  private async sendEvaluation(runId: string, epoch?: number): Promise<undefined> {
    const run = this.listed.find((r) => r.meta.runId === runId);
    if (!run) return undefined; // gone from disk meanwhile
    if (epoch !== undefined) await this.deps.training.evaluate(run.runDir, epoch);
    if (!this.isDisposed) await this.post(await evaluationMessage(runId, run.runDir, epoch));
    return undefined;  }

  private async report(what: string, action: () => Promise<vscode.Uri | undefined>): Promise<void> {
    try {
      const saved = await action();
      if (saved) this.deps.output.info(`training panel: saved ${saved.fsPath}`);
    } catch (error) {
      const message = `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
      this.deps.output.error(`training panel: ${message}`);
      await this.post({ type: 'error', message });
    }
  }

  override dispose(): void {
    if (TrainingPanel.panels.get(this.modelFile) === this) TrainingPanel.panels.delete(this.modelFile);
    this.streamer.dispose();
    clearTimeout(this.runsRefresh);
    this.markInitialised(); // a pending queryState then finds the panel closed instead of waiting for ever
    super.dispose();
  }
}

function titleOf(modelUri: vscode.Uri): string {
  return `Training: ${basename(modelUri.fsPath)}`;
}
