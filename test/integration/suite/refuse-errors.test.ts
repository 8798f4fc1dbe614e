import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { eventually, WORKSPACE, workspaceFile } from './helpers';

const EXTENSION_ID = 'layerlens.layerlens';

/** A dense head on a rank-3 tensor: Keras builds it, but it cannot train for classification, so it is an error. */
const DENSE_ON_RANK_3 = `name: dense-on-rank-3
task: classification
input: [28, 28, 1]
data: { source: mnist, samples: 200 }
layers:
  - conv2d: { filters: 2, kernel: 3 }
  - dense: { units: 10, activation: softmax }
`;

const trainingTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('layerlens.training'));

const runsOf = (name: string): string[] => {
  const dir = join(WORKSPACE, '.layerlens', 'runs');
  return existsSync(dir) ? readdirSync(dir).filter((d) => d.endsWith(name)) : [];
};

suite('training refuses a file with errors', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Train Model on a file with a checker error starts no run and opens no Training panel', async () => {
    const uri = workspaceFile('dense-on-rank-3.model.yaml');
    await writeFile(uri.fsPath, DENSE_ON_RANK_3);
    await vscode.window.showTextDocument(uri);
    const result = await vscode.commands.executeCommand('layerlens.train', uri);
    assert.equal(result, undefined, 'no run result');
    assert.deepEqual(trainingTabs().map((t) => t.label), [], 'no (empty) Training panel');
    assert.deepEqual(runsOf('dense-on-rank-3'), [], 'no run folder');
    // The same diagnostics the user sees: an error with its range on the dense layer (line 7).
    const error = await eventually('the error in the Problems panel', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(error.range.start.line, 6, error.message);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
