import * as vscode from 'vscode';
import type { TrainingService } from '../training/training-service';
import { modelFileTarget } from '../language/model-files';
import type { PanelState, TrainingWebviewState } from '../../webviews/training/protocol';
import { TrainingPanel, type TrainingPanelDeps } from './training-panel';
import type { RunFolders } from '../runs/run-folders';

export const SHOW_TRAINING_PANEL_COMMAND = 'layerlens.showTrainingPanel';
/** Test hook (registered outside production mode only): what the panel of a model file holds. */
export const TRAINING_PANEL_STATE_COMMAND = 'layerlens.test.trainingPanelState';

/**
 * `LayerLens: Show Training Panel` (argument: a model file Uri or path; else the active editor's model file) and the
 * serializer that restores panels after a window reload from the model file kept in the webview state.
 */
export function registerTrainingPanel(context: vscode.ExtensionContext, training: TrainingService,
  output: vscode.LogOutputChannel, runFolders: RunFolders): vscode.Disposable[] {
  const deps: TrainingPanelDeps = { extensionUri: context.extensionUri, training, output, runFolders };
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand(SHOW_TRAINING_PANEL_COMMAND, (target?: unknown): TrainingPanel | undefined => {
      // From the status bar (no argument, perhaps no model editor): the one panel already open.
      const uri = modelFileTarget(target) ?? TrainingPanel.find()?.modelFileUri;
      if (!uri) {
        void vscode.window.showInformationMessage('LayerLens: open a model file (*.model.yaml) to show its training panel.');
        return undefined;
      }
      return TrainingPanel.createOrShow(deps, uri);
    }),
    vscode.window.registerWebviewPanelSerializer(TrainingPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const saved = savedState(state);
        if (saved) TrainingPanel.revive(panel, deps, vscode.Uri.file(saved.modelFile), saved);
        else panel.dispose();
        return Promise.resolve();
      },
    }),
  ];
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    disposables.push(vscode.commands.registerCommand(TRAINING_PANEL_STATE_COMMAND,
      (modelFile?: string): Promise<PanelState | undefined> => {
        const panel = TrainingPanel.find(modelFile);
        return panel ? panel.queryState() : Promise.resolve(undefined);
      }));
  }
  return disposables;
}

function savedState(state: unknown): Partial<TrainingWebviewState> & { modelFile: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const record = state as Partial<TrainingWebviewState>;
  if (typeof record.modelFile !== 'string' || record.modelFile === '') return undefined;
  return {
    modelFile: record.modelFile,
    ...(Array.isArray(record.shown) ? { shown: record.shown.filter((s): s is string => typeof s === 'string') } : {}),
    ...(Array.isArray(record.compared) ? { compared: record.compared.filter((s): s is string => typeof s === 'string') } : {}),
    ...(record.settings ? { settings: record.settings } : {}),
  };
}
