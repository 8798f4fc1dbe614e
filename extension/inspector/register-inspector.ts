import * as vscode from 'vscode';
import { layerAt } from '../../runtime/language';
import type { RuntimeInfo } from '../../runtime/protocol';
import type { InspectorViewState } from '../../webviews/inspector/protocol';
import { isModelFile, modelFileTarget } from '../language/model-files';
import type { LanguageFeatures } from '../language/register-language';
import type { TrainingService } from '../training/training-service';
import { TrainingService as Training } from '../training/training-service';
import { InspectorPanel, type InspectorDeps } from './inspector-panel';
import { isInspectorMethod, savedInspectorState } from './messages';
import { HoverThumbnails } from './hover-thumbnail';
import { parseInspectFocus } from './inspect-focus';

export const INSPECT_COMMAND = 'layerlens.inspectModel';
/** Test hook (registered outside production mode only): what the open Inspector shows. */
export const INSPECTOR_STATE_COMMAND = 'layerlens.test.inspectorState';
/** Test hook: the open Inspector answers one of its page's requests (method, params) through its own handlers. */
export const INSPECTOR_REQUEST_COMMAND = 'layerlens.test.inspectorRequest';
/** Test hook: `info` from the open Inspector's analysis runtime (its live tensor count, for leak checks). */
export const INSPECTOR_RUNTIME_INFO_COMMAND = 'layerlens.test.inspectorRuntimeInfo';

/**
 * `LayerLens: Inspect Model` (arguments: a model file, optionally a run folder and `{ example, epoch? }`, the validation
 * example to show, see inspect-focus.ts), the `◧ Inspect` CodeLens on model
 * files with a completed run, the serializer that restores panels after a reload, and the editor → panel link (the
 * cursor on a layer's line highlights that layer in the file's open Inspectors).
 */
export function registerInspector(context: vscode.ExtensionContext, deps: InspectorDeps, language: LanguageFeatures,
  training: TrainingService): vscode.Disposable[] {
  /** Model files known to have a completed run (filled asynchronously; the CodeLens refreshes when it changes). */
  const inspectable = new Map<string, boolean>();
  const lookUp = (uri: vscode.Uri) => {
    void deps.runFolders.listRuns(Training.runsDir(uri), uri.fsPath).then((runs) => {
      const has = runs.some((r) => r.meta.status === 'completed');
      if (inspectable.get(uri.fsPath) !== has) {
        inspectable.set(uri.fsPath, has);
        language.codeLens.refresh();
      }
    });
  };
  const thumbnails = new HoverThumbnails(deps.runtimes, deps.runFolders, (line) => deps.output.info(line));
  const disposables: vscode.Disposable[] = [
    thumbnails,
    language.hover.addContributor((document, layer) => thumbnails.hoverSections(document, layer)),
    vscode.commands.registerCommand(INSPECT_COMMAND, async (target?: unknown, runDir?: unknown, example?: unknown) => {
      const uri = modelFileTarget(target) ?? InspectorPanel.find()[0]?.modelUri;
      if (!uri) {
        void vscode.window.showInformationMessage('LayerLens: open a model file (*.model.yaml) to inspect its trained runs.');
        return undefined;
      }
      const { focus, error } = parseInspectFocus(example);
      if (error !== undefined) {
        void vscode.window.showErrorMessage(`LayerLens: Inspect Model: ${error}.`);
        return undefined;
      }
      return InspectorPanel.createOrShow(deps, uri, typeof runDir === 'string' ? runDir : undefined, focus);
    }),
    vscode.window.registerWebviewPanelSerializer(InspectorPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const saved = savedInspectorState(state);
        if (saved) await InspectorPanel.revive(panel, deps, saved);
        else panel.dispose();
      },
    }),
    language.codeLens.addContributor((document, _check, range) => {
      const known = inspectable.get(document.uri.fsPath);
      if (known === undefined) lookUp(document.uri);
      return known ? [new vscode.CodeLens(range, { title: '◧ Inspect', command: INSPECT_COMMAND, arguments: [document.uri] })] : [];
    }),
    training.onRunEvent((event) => {
      if (event.type !== 'ended') return;
      thumbnails.forget();
      lookUp(vscode.Uri.file(event.modelFile));
      for (const panel of InspectorPanel.find(event.modelFile)) void panel.refreshRuns();
    }),
    vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
      const document = textEditor.document;
      const panels = isModelFile(document.fileName) ? InspectorPanel.find(document.uri.fsPath) : [];
      const at = selections[0]?.active;
      if (panels.length === 0 || !at) return;
      // By line, not column: the cursor anywhere on a layer's line (also on its `- ` bullet, or in the indentation
      // before it, which the previous entry's range reaches into) means that layer; then the entry around it.
      const check = language.checks.get(document); // the last check: following the cursor never waits
      if (!check) return;
      const layer = check.layers.find((l) => l.range.start.line === at.line)
        ?? layerAt(check, { line: at.line, col: at.character })
        ?? check.layers.find((l) => l.range.start.line <= at.line && at.line <= l.range.end.line);
      if (layer) for (const panel of panels) panel.highlightLayer(layer.id);
    }),
  ];
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    disposables.push(vscode.commands.registerCommand(INSPECTOR_STATE_COMMAND,
      (): Promise<InspectorViewState | undefined> => InspectorPanel.find()[0]?.queryState() ?? Promise.resolve(undefined)),
    vscode.commands.registerCommand(INSPECTOR_REQUEST_COMMAND, (method: unknown, params: unknown) => {
      const panel = InspectorPanel.find()[0];
      if (!panel) return Promise.reject(new Error('no Inspector is open'));
      if (!isInspectorMethod(method)) return Promise.reject(new Error(`unknown Inspector request ${String(method)}`));
      return panel.serve(method, params);
    }),
    vscode.commands.registerCommand(INSPECTOR_RUNTIME_INFO_COMMAND, (): Promise<RuntimeInfo | undefined> =>
      InspectorPanel.find()[0]?.sessions.request('info', deps.runtimes.backendOptions()) ?? Promise.resolve(undefined)));
  }
  return disposables;
}
