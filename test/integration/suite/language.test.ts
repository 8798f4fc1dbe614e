import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { eventually, hoverText, workspaceFile } from './helpers';
import { manyKeys, unknownFromRefsLarge } from '../../fixtures/hostile-models';

const BROKEN_MLP = `name: broken
task: classification
input: [8, 8, 3]
layers:
  - conv2d: { filters: 4, kernel: 3, activation: relu }
  - dense: { units: 10, activation: softmax }
`;

function layerDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LayerLens');
}

suite('model language', () => {
  test('hover on a LeNet layer shows its shapes and parameter formula', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('lenet.model.yaml'));
    await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l.includes('id: c3'));
    assert.ok(line > 0, 'lenet sample has layer c3');
    // Checks arrive from the checker worker: the first hover may come before the first check.
    const text = await eventually('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri,
        new vscode.Position(line, 6));
      return hoverText(hovers) || undefined;
    });
    // c3: 5×5 valid convolution of the pooled [14, 14, 6] map into 16 channels.
    assert.match(text, /\[14, 14, 6\]`? → `?\[10, 10, 16\]/);
    assert.match(text, /5·5·6·16 \+ 16 = \**2,416/);
  });

  test('a broken file shows the diagnostic on the expected line, and the quick fix repairs it', async () => {
    const uri = workspaceFile('broken.model.yaml');
    await writeFile(uri.fsPath, BROKEN_MLP);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const problem = await eventually('a task-output diagnostic', () =>
      layerDiagnostics(uri).find((d) => d.code === 'task-output'));
    assert.equal(problem.range.start.line, 5, 'reported on the dense layer (line 6)');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range);
    const flatten = actions.find((a) => a.title.includes('flatten'));
    assert.ok(flatten?.edit, `a flatten quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(flatten.edit));
    assert.match(document.getText(), /- flatten: \{\}\n {2}- dense/);
    await eventually('no errors after the fix', () =>
      layerDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a file changed on disk outside the editor gets updated diagnostics', async () => {
    const uri = workspaceFile('outside.model.yaml');
    await writeFile(uri.fsPath, BROKEN_MLP.replace('name: broken', 'name: outside'));
    await eventually('diagnostics for a file that is not open', () =>
      layerDiagnostics(uri).find((d) => d.code === 'task-output'));
    await writeFile(uri.fsPath, BROKEN_MLP.replace('  - dense', '  - flatten\n  - dense'));
    await eventually('diagnostics cleared after the fix on disk', () =>
      layerDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true);
    // A stray closing brace on the last layer's line (line 6).
    await writeFile(uri.fsPath, BROKEN_MLP.replace('activation: softmax }', 'activation: softmax }}'));
    const syntax = await eventually('a syntax error', () => layerDiagnostics(uri).find((d) => d.code === 'syntax'));
    assert.equal(syntax.range.start.line, 5);
  });

  test('the CodeLens on the first line summarises layers, parameters and MACs', async () => {
    const uri = workspaceFile('lenet.model.yaml');
    // LeNet-5 here: 156 + 0 + 2,416 + 0 + 0 + 48,120 + 10,164 + 850 = 61,706 parameters.
    let titles: string[] = [];
    await eventually('the summary lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      titles = lenses.map((l) => l.command?.title ?? '');
      return titles.some((t) => /^8 layers · 61,706 params · [\d.]+ MMACs/.test(t)) ? true : undefined;
    }).catch(() => assert.fail(titles.join(' | ')));
  });

  test('hostile files on disk are checked off the extension host; one over maxModelFileSize gets one diagnostic', async () => {
    const large = workspaceFile('hostile-large.model.yaml');
    const keys = workspaceFile('hostile-keys.model.yaml');
    await writeFile(large.fsPath, unknownFromRefsLarge()); // 1.3 MB: over the 1 MB default
    await writeFile(keys.fsPath, manyKeys()); // 100,000 keys in 0.97 MB: yaml's unique-key check took 84 s
    const tooLarge = await eventually('the too-large diagnostic', () => layerDiagnostics(large).find((d) => d.code === 'too-large'));
    assert.match(tooLarge.message, /more than layerlens\.maxModelFileSize/);
    assert.equal(layerDiagnostics(large).length, 1);
    const more = await eventually('the unknown keys summary', () => layerDiagnostics(keys).find((d) => /more unknown keys/.test(d.message)), 100_000);
    assert.equal(more.severity, vscode.DiagnosticSeverity.Warning);
  });
});
