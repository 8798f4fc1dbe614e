import * as vscode from 'vscode';
import type { RuntimeManager } from '../runtime/runtime-manager';
import type { LanguageFeatures } from '../language/register-language';
import { isModelFile, modelFileTarget } from '../language/model-files';
import { TrainingService } from './training-service';
import { confirmDataLocation } from './data-guard';
import { TrainingStatusBar } from './status-bar';
import { LastRunStats } from './last-run-stats';
import type { RunFolders } from '../runs/run-folders';
import { refuseFileWithErrors } from './refuse-errors';
import { logDiagnoses } from './doctor-log';

async function newestUnfinishedRun(runFolders: RunFolders, uri: vscode.Uri): Promise<string | undefined> {
  const runs = await runFolders.listRuns(TrainingService.runsDir(uri), uri.fsPath);
  return runs.find((r) => r.meta.status !== 'completed' && r.meta.status !== 'running')?.runDir;
}

/**
 * Train / Stop commands, the `▶ Train` CodeLens, the status bar, train-on-save and the "Last run" hover section.
 * `beforeTrain` lets the training panel open beside the editor before a run starts.
 */
export function registerTraining(context: vscode.ExtensionContext, runtime: RuntimeManager, language: LanguageFeatures,
  output: vscode.LogOutputChannel, runFolders: RunFolders, beforeTrain: (uri: vscode.Uri, training: TrainingService) => void = () => undefined): TrainingService {
  const training = new TrainingService(runtime, output, (uri, text) => confirmDataLocation(language.checker, uri, text));
  const statusBar = new TrainingStatusBar();
  const lastRun = new LastRunStats(runFolders);
  const train = async (arg: unknown, options: { resumeRunDir?: string; epochs?: number } = {}) => {
    const uri = modelFileTarget(arg);
    if (!uri) {
      void vscode.window.showWarningMessage('LayerLens: open a model file (*.model.yaml, *.model.yml or *.model.json) to train it.');
      return undefined;
    }
    // A resumed run trains its own spec.yaml, so only a fresh run is refused for errors in the file now.
    if (!options.resumeRunDir && await refuseFileWithErrors(uri, language.checker)) return undefined;
    beforeTrain(uri, training);
    return training.train(uri, options);
  };
  context.subscriptions.push(
    training, statusBar,
    training.onRunEvent((event) => {
      statusBar.update(event);
      if (event.type === 'ended') void logDiagnoses(event.runDir, runFolders, output);
      if (event.type === 'started' || event.type === 'ended') {
        lastRun.forget(event.modelFile);
        language.codeLens.refresh();
      }
    }),
    vscode.commands.registerCommand('layerlens.train', (arg: unknown) => train(arg)),
    /** Resumes `runDir`, or else the newest run of the model file that did not complete. */
    vscode.commands.registerCommand('layerlens.resumeTraining', async (arg: unknown, runDir?: string, epochs?: number) => {
      const uri = modelFileTarget(arg);
      const resumeRunDir = runDir ?? (uri ? await newestUnfinishedRun(runFolders, uri) : undefined);
      if (uri && !resumeRunDir) {
        void vscode.window.showInformationMessage('LayerLens: this model has no stopped or crashed run to resume.');
        return undefined;
      }
      return train(uri, { ...(resumeRunDir ? { resumeRunDir } : {}), ...(epochs ? { epochs } : {}) });
    }),
    vscode.commands.registerCommand('layerlens.stopTraining', (arg: unknown) => training.stop(modelFileTarget(arg)?.fsPath)),
    language.codeLens.addContributor((document, _check, range) => {
      const training_ = training.isTraining(document.uri.fsPath);
      return [new vscode.CodeLens(range, training_
        ? { title: '■ Stop', command: 'layerlens.stopTraining', arguments: [document.uri] }
        : { title: '▶ Train', command: 'layerlens.train', arguments: [document.uri] })];
    }),
    language.hover.addContributor((document, layer) => lastRun.hoverSections(document, layer)),
    vscode.workspace.onDidSaveTextDocument(async (document) => {
      if (!isModelFile(document.fileName) || !vscode.workspace.getConfiguration('layerlens').get<boolean>('trainOnSave', false)) return;
      if (training.isTraining(document.uri.fsPath)) await training.stop(document.uri.fsPath);
      void train(document.uri);
    }),
  );
  return training;
}
