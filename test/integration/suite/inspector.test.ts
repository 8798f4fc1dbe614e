import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InspectorViewState } from '../../../webviews/inspector/protocol';
import { eventually, hoverText, openInspector, trainModelFile } from './helpers';

/** A tiny CNN on 200 MNIST digits, one epoch: seconds on wasm or cpu. */
const TINY_CNN = `name: tiny-cnn
task: classification
input: [28, 28, 1]
data: { source: mnist, samples: 200, validationSplit: 0.2 }
layers:
  - conv2d: { filters: 4, kernel: 3, padding: same, activation: relu, id: conv }
  - maxPool2d: { pool: 2, id: pool }
  - dropout: { rate: 0.5, id: drop }
  - flatten: { id: flat }
  - dense: { units: 10, activation: softmax, id: out }
train: { epochs: 1, batchSize: 32, optimizer: adam, loss: categoricalCrossentropy, metrics: [accuracy], seed: 3 }
`;

suite('inspector', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Inspect Model opens a trained run in the analysis runtime and draws every layer\'s feature maps', async () => {
    const { uri, result } = await trainModelFile('tiny-cnn.model.yaml', TINY_CNN);
    const state = await openInspector(uri);
    assert.equal(state.runDir, result.runDir);
    assert.deepEqual(state.input, { kind: 'example', index: 0 });
    const byId = new Map(state.layers.map((l) => [l.id, l]));
    assert.equal(byId.get('conv')?.canvases, 4, 'one canvas per filter of conv (28×28×4)');
    assert.equal(byId.get('pool')?.canvases, 4, 'pooling keeps the channels (14×14×4)');
    for (const vector of state.layers.filter((l) => l.id === 'flat' || l.id === 'out')) {
      assert.equal(vector.canvases, 0, `${vector.id} is a vector: a bar strip or probabilities, not channels`);
    }

    // The editor's cursor on a layer's line highlights it in the panel.
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const line = TINY_CNN.split('\n').findIndex((l) => l.includes('id: pool'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await eventually('pool highlighted', async () => {
      const current = await vscode.commands.executeCommand<InspectorViewState | undefined>('layerlens.test.inspectorState');
      return current?.layers.find((l) => l.id === 'pool' && l.highlighted);
    });

    // The hover on conv's line gets a thumbnail of its first channels once the background render is done.
    const convLine = TINY_CNN.split('\n').findIndex((l) => l.includes('id: conv'));
    const markdown = await eventually('a feature-map thumbnail in the hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(convLine, 6));
      const text = hoverText(hovers);
      return text.includes('![conv](data:image/png;base64,') ? text : undefined;
    }, 60_000);
    assert.match(markdown, /Feature maps \(validation example 0, /);
  });
});
