// `LayerLens: Open Walkthrough: Deep Learning, Hands On`: the course's walkthrough in one palette step, instead of
// VS Code's generic walkthrough picker (whose list re-sorts while other extensions' walkthroughs register).
import * as vscode from 'vscode';

/** `contributes.walkthroughs[].id` in package.json. */
export const WALKTHROUGH_ID = 'deepLearningHandsOn';

export function registerOpenWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('layerlens.openWalkthrough', () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false));
}
