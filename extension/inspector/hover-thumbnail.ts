import type * as vscode from 'vscode';
import type { HoverSection, LayerInfo } from '../../runtime/language';
import type { RunFolders } from '../runs/run-folders';
import type { RuntimeManager } from '../runtime/runtime-manager';
import { TrainingService } from '../training/training-service';
import { AnalysisSessions } from './analysis-sessions';
import { channelStrip } from './channel-strip';

/**
 * The hover's "Feature maps" section: the first channels of a layer's output for validation example 0 of the model
 * file's last completed run, as a PNG data: URI (rendered where VS Code renders hover images). Computed in the
 * analysis runtime in the background and cached per run and layer; the hover shows it once it is ready and never
 * waits for it (the hover provider gives contributors a second at most).
 */
export class HoverThumbnails {
  private readonly images = new Map<string, Promise<string | undefined>>();
  private sessions: AnalysisSessions | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly runtimes: RuntimeManager, private readonly runFolders: RunFolders,
    private readonly log: (line: string) => void) {}

  async hoverSections(document: vscode.TextDocument, layer: LayerInfo): Promise<HoverSection[]> {
    const runs = await this.runFolders.listRuns(TrainingService.runsDir(document.uri), document.uri.fsPath);
    const run = runs.find((r) => r.meta.status === 'completed');
    if (!run || !layer.outputShape || layer.outputShape.length === 0) return [];
    const key = `${run.runDir}\n${layer.id}`;
    let image = this.images.get(key);
    if (!image) {
      image = this.render(run.runDir, layer.id);
      this.images.set(key, image);
    }
    const uri = await image;
    if (!uri) return [];
    return [{ title: `Feature maps (validation example 0, ${run.meta.runId})`, markdown: `![${layer.id}](${uri})` }];
  }

  /** A run ended: its thumbnails may be stale (a new run of the file is now the last completed one). */
  forget(): void { this.images.clear(); }

  dispose(): void {
    clearTimeout(this.idle);
    this.sessions?.dispose({ closeSessions: false });
    this.sessions = undefined;
  }

  private async render(runDir: string, layerId: string): Promise<string | undefined> {
    try {
      const sessions = this.session();
      const result = await sessions.featureMaps({ runDir, epoch: null }, [layerId], { example: 0 });
      const output = result.layers[0];
      return output ? `data:image/png;base64,${channelStrip(output).toString('base64')}` : undefined;
    } catch (error) {
      this.log(`hover thumbnail of ${layerId}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.releaseSoon();
    }
  }

  /** The hover's own lease on the analysis runtime, let go a minute after the last thumbnail. */
  private session(): AnalysisSessions {
    clearTimeout(this.idle);
    this.sessions ??= new AnalysisSessions(this.runtimes);
    return this.sessions;
  }

  private releaseSoon(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.dispose(), 60_000);
  }
}
