import * as vscode from 'vscode';
import { basename } from 'node:path';
import { Panel } from '../webview/panel';
import type { RunFolders } from '../runs/run-folders';
import type { RuntimeManager } from '../runtime/runtime-manager';
import { TrainingService } from '../training/training-service';
import type { ModelCheckCache } from '../language/model-check-cache';
import type {
  InspectFocus,
  InspectorFromView, InspectorHostServes, InspectorInit, InspectorRun, InspectorToView,
  InspectorViewServes, InspectorViewState, InspectorWebviewState,
} from '../../webviews/inspector/protocol';
import { AnalysisSessions } from './analysis-sessions';
import { inspectorProtocol } from './messages';
import { hostHandlers } from './host-handlers';
import { CodeLink } from './code-link';
import type { ModelChecker } from '../language/model-checker';

export interface InspectorDeps {
  readonly extensionUri: vscode.Uri;
  readonly runtimes: RuntimeManager;
  readonly runFolders: RunFolders;
  readonly checks: ModelCheckCache;
  readonly checker: ModelChecker;
  readonly output: vscode.LogOutputChannel;
}

/**
 * `LayerLens: Inspect Model`: what happens inside a trained run, beside its model file. One panel per run; the run,
 * epoch and input pickers are shared by its views (Feature maps; Explain and Adversarial come with their issues).
 * Analysis runs in the analysis runtime, on a lease this panel holds while it is open.
 */
export class InspectorPanel extends Panel<InspectorToView, InspectorFromView, InspectorHostServes, InspectorViewServes> {
  static readonly viewType = 'layerlens.inspector';
  private static readonly panels = new Set<InspectorPanel>();

  readonly sessions: AnalysisSessions;
  private readonly protocol: ReturnType<typeof inspectorProtocol>;
  private runDirValue: string;

  /** Opens the panel of a run (default: the model file's latest completed run), or reveals the one already open. */
  static async createOrShow(deps: InspectorDeps, modelUri: vscode.Uri, runDir?: string, focus?: InspectFocus): Promise<InspectorPanel | undefined> {
    const runs = await inspectableRuns(deps.runFolders, modelUri);
    const chosen = runDir ?? runs.find((r) => r.status === 'completed')?.runDir ?? runs[0]?.runDir;
    if (!chosen) {
      void vscode.window.showInformationMessage(`LayerLens: ${basename(modelUri.fsPath)} has no trained run to inspect yet. Train it first.`);
      return undefined;
    }
    const existing = [...InspectorPanel.panels].find((p) => p.runDir === chosen);
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (focus) void existing.post({ type: 'focus', runDir: chosen, focus });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, titleOf(chosen),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, Panel.options(deps.extensionUri));
    return new InspectorPanel(panel, deps, modelUri, chosen, runs, undefined, focus);
  }

  /** After a window reload, from the state the page kept. */
  static async revive(panel: vscode.WebviewPanel, deps: InspectorDeps, saved: InspectorWebviewState): Promise<InspectorPanel> {
    const modelUri = vscode.Uri.file(saved.modelFile);
    const runs = await inspectableRuns(deps.runFolders, modelUri);
    return new InspectorPanel(panel, deps, modelUri, saved.runDir, runs, saved);
  }

  /** Open panels of a model file (absolute path); all of them when omitted. */
  static find(modelFile?: string): InspectorPanel[] {
    return [...InspectorPanel.panels].filter((p) => modelFile === undefined || p.modelUri.fsPath === modelFile);
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: InspectorDeps, readonly modelUri: vscode.Uri,
    runDir: string, private runs: InspectorRun[], saved: InspectorWebviewState | undefined, focus?: InspectFocus) {
    const sessions = new AnalysisSessions(deps.runtimes);
    const link = new CodeLink(deps.checks, deps.checker, modelUri);
    // The handlers are built before `super` returns; progress reaches the page once the panel exists.
    const relay: { post?: (message: InspectorToView) => void } = {};
    const init: InspectorInit = {
      modelFile: modelUri.fsPath, displayName: vscode.workspace.asRelativePath(modelUri), runDir, runs,
      ...(saved ? { saved } : {}), ...(focus ? { focus } : {}),
    };
    const protocol = inspectorProtocol(hostHandlers({
      sessions, link, reveal: (layerId) => link.reveal(layerId, panel.viewColumn),
      maximizeProgress: (done, total) => relay.post?.({ type: 'maximizeProgress', done, total }),
    }));
    super(panel, {
      extensionUri: deps.extensionUri, panelName: 'inspector', initialState: init, protocol,
      log: (line) => deps.output.warn(line),
    });
    this.protocol = protocol;
    this.sessions = sessions;
    relay.post = (message) => { void this.post(message); };
    this.runDirValue = runDir;
    panel.title = titleOf(runDir);
    InspectorPanel.panels.add(this);
  }

  get runDir(): string { return this.runDirValue; }

  /** The editor's cursor is on a layer of this panel's model file. */
  highlightLayer(layerId: string): void {
    void this.post({ type: 'highlightLayer', layerId });
  }

  /** Runs of the model file changed (a run ended): refresh the run picker. */
  async refreshRuns(): Promise<void> {
    this.runs = await inspectableRuns(this.deps.runFolders, this.modelUri);
    await this.post({ type: 'runs', runs: this.runs });
  }

  /** What the page shows, once drawn (test hook). */
  queryState(): Promise<InspectorViewState> {
    return this.request('state', {}, { timeoutMs: 60_000 });
  }

  /**
   * Answers one of the page's requests as if the page had sent it: the same boundary check, the same handler, the
   * same analysis runtime (test hook for integration tests, which cannot reach into the webview).
   */
  serve<K extends keyof InspectorHostServes>(method: K, params: unknown): Promise<InspectorHostServes[K]['result']> {
    if (!this.protocol.params[method](params)) return Promise.reject(new Error(`malformed ${method} params`));
    return this.protocol.handlers[method](params, new AbortController().signal);
  }

  protected onReady(): void {
    void this.post({ type: 'init', init: {
      modelFile: this.modelUri.fsPath, displayName: vscode.workspace.asRelativePath(this.modelUri), runDir: this.runDir, runs: this.runs,
    } });
  }

  protected onMessage(message: InspectorFromView): void {
    switch (message.type) {
      case 'ready': return;
      case 'runChanged':
        if (this.runs.some((r) => r.runDir === message.runDir)) {
          this.runDirValue = message.runDir;
          this.panel.title = titleOf(message.runDir);
        }
        return;
      default: {
        const unexpected: never = message;
        this.deps.output.warn(`inspector: unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  override dispose(): void {
    InspectorPanel.panels.delete(this);
    this.sessions.dispose();
    super.dispose();
  }
}

/** Runs of the model file that hold weights to inspect (a final model or a checkpoint), newest first. */
export async function inspectableRuns(runFolders: RunFolders, modelUri: vscode.Uri): Promise<InspectorRun[]> {
  const runs = await runFolders.listRuns(TrainingService.runsDir(modelUri), modelUri.fsPath);
  const withWeights = await Promise.all(runs.map(async (r) =>
    r.meta.status === 'completed' || (await runFolders.checkpoints(r.runDir)).length > 0));
  return runs.filter((_, i) => withWeights[i]).map((r) => ({
    runDir: r.runDir, runId: r.meta.runId, status: r.meta.status, epochsDone: r.meta.epochsDone,
  }));
}

function titleOf(runDir: string): string {
  return `Inspect: ${basename(runDir)}`;
}
