import * as vscode from 'vscode';
import type { RpcHandlers } from '../../webviews/shared/rpc';
import type { InspectorHostServes, InspectorLayer } from '../../webviews/inspector/protocol';
import type { AnalysisInput } from '../../runtime/protocol';
import type { AnalysisSessions } from './analysis-sessions';
import type { CodeLink } from './code-link';
import { readImageInput } from './image-input';
import { adversarialHandlers } from './adversarial-handlers';
import { explainHostHandlers } from './explain-handlers';

export interface HostHandlerDeps {
  readonly sessions: AnalysisSessions;
  readonly link: CodeLink;
  readonly reveal: (layerId: string) => Promise<boolean>;
  /** Steps of the running activation maximization, for the page. */
  readonly maximizeProgress: (done: number, total: number) => void;
}

/** The Inspector page's requests, answered from the analysis runtime and the editor. */
export function hostHandlers({ sessions, link, reveal, maximizeProgress }: HostHandlerDeps): RpcHandlers<InspectorHostServes> {
  return {
    ...adversarialHandlers(sessions),
    open: async (key, signal) => {
      const opened = await sessions.open(key, signal);
      const layers = opened.layers.map((layer): InspectorLayer => {
        const line = link.line(layer.id);
        return { id: layer.id, type: layer.type, outputShape: layer.outputShape, ...(line === undefined ? {} : { line }) };
      });
      return {
        runDir: opened.runDir, epoch: opened.epoch, layers, inputShape: opened.inputShape, task: opened.task,
        classNames: opened.classNames, validationCount: opened.validationCount, epochs: opened.epochs,
      };
    },
    featureMaps: ({ runDir, epoch, layerIds, input }, signal) => {
      const analysisInput: AnalysisInput = input.kind === 'example' ? { example: input.index } : { tensor: input.tensor };
      return sessions.featureMaps({ runDir, epoch }, layerIds, analysisInput, signal);
    },
    examples: ({ runDir, epoch, start, count, misclassifiedOnly }, signal) =>
      sessions.withSession({ runDir, epoch }, signal,
        (sessionId) => sessions.request('examples', { sessionId, start, count, misclassifiedOnly }, signal)),
    pickImage: async ({ inputShape }) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false, openLabel: 'Inspect', title: 'An image to run the model on',
        filters: { Images: ['png', 'jpg', 'jpeg'] }, ...(folder ? { defaultUri: folder } : {}),
      });
      const file = picked?.[0];
      if (!file) return null;
      return { tensor: await readImageInput(file.fsPath, inputShape), source: vscode.workspace.asRelativePath(file) };
    },
    revealLayer: async ({ layerId }) => ({ revealed: await reveal(layerId) }),
    ...explainHostHandlers(sessions, maximizeProgress),
  };
}
