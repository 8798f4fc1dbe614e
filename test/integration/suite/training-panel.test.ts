import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { MetricRow, TrainResult } from '../../../runtime/protocol';
import type { PanelState } from '../../../webviews/training/protocol';
import { eventually, workspaceFile } from './helpers';

const EXTENSION_ID = 'layerlens.layerlens';

const batchRows = (runDir: string): MetricRow[] => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').split('\n')
  .filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as MetricRow).filter((row) => row.kind === 'batch');

/** The tab of a Training panel and its group (webview view types carry a prefix, hence the suffix match). */
function trainingPanelTabs(): { tab: vscode.Tab; column: vscode.ViewColumn }[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('layerlens.training'))
    .map((tab) => ({ tab, column: group.viewColumn })));
}

const panelState = async (modelFile: string): Promise<PanelState | undefined> =>
  vscode.commands.executeCommand<PanelState | undefined>('layerlens.test.trainingPanelState', modelFile);

suite('training panel', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Training Panel opens one panel beside the editor, and showing it again reveals the same one', async () => {
    const uri = workspaceFile('mlp-xor.model.yaml');
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('layerlens.showTrainingPanel', uri);
    const [opened] = await eventually('a training panel tab', () => {
      const tabs = trainingPanelTabs();
      return tabs.length > 0 ? tabs : undefined;
    });
    assert.ok(opened);
    assert.notEqual(opened.column, editor.viewColumn, 'the panel is beside the editor, not over it');
    assert.equal(opened.tab.label, 'Training: mlp-xor.model.yaml');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('layerlens.showTrainingPanel', uri);
    assert.equal(trainingPanelTabs().length, 1, 'one panel per model file');
    const state = await eventually('the panel to answer', () => panelState(uri.fsPath));
    assert.equal(state.modelFile, uri.fsPath);
  });

  test('the panel receives every batch row of a run, and its last loss', async () => {
    const uri = workspaceFile('mlp-xor.model.yaml');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('layerlens.showTrainingPanel', uri);
    const result = await vscode.commands.executeCommand<TrainResult | undefined>('layerlens.train', uri);
    assert.ok(result, 'the train command returned a result');
    assert.equal(result.status, 'completed', result.message);
    const rows = batchRows(result.runDir);
    assert.ok(rows.length > 0, 'the run wrote batch rows');
    const run = await eventually('every batch row in the panel', async () => {
      const state = await panelState(uri.fsPath);
      const shown = state?.runs.find((r) => r.runId === result.runId);
      return shown && shown.batchPoints === rows.length ? shown : undefined;
    });
    assert.equal(run.batchPoints, rows.length);
    assert.equal(run.lastLoss, rows[rows.length - 1]?.values.loss);
    const state = await panelState(uri.fsPath);
    assert.ok(state?.charts.includes('loss'), `charts drawn: ${state?.charts.join(', ') ?? 'none'}`);
  });
});
