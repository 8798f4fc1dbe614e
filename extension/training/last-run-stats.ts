import * as vscode from 'vscode';
import { formatCount, type HoverSection, type LayerInfo } from '../../runtime/language';
import type { LayerStatsFile } from '../../runtime/runs';
import type { RunFolders } from '../runs/run-folders';
import { TrainingService } from './training-service';

/**
 * "Last run" hover section: per-layer statistics of the newest run of a model file that wrote `layer-stats.json`
 * (activation mean/std, dead-ReLU fraction, weight and gradient norms on a validation batch). Read from disk once per
 * model file (asynchronously, so the hover never blocks the extension host) and forgotten when a run of that file ends.
 */
export class LastRunStats {
  private readonly cache = new Map<string, Promise<{ runId: string; stats: LayerStatsFile } | undefined>>();

  constructor(private readonly runFolders: RunFolders) {}

  forget(modelFile: string): void { this.cache.delete(modelFile); }

  async hoverSections(document: vscode.TextDocument, layer: LayerInfo): Promise<HoverSection[]> {
    const last = await this.load(document.uri);
    const stats = last?.stats.layers.find((l) => l.id === layer.id);
    if (!last || !stats) return [];
    const n = (x: number) => (Math.abs(x) >= 1000 || x === 0 ? formatCount(x) : x.toPrecision(3));
    const rows = [
      `| Activation mean ± std | ${n(stats.activationMean)} ± ${n(stats.activationStd)} |`,
      `| Zero outputs | ${(stats.zeroFraction * 100).toFixed(1)}% |`,
      ...(stats.deadFraction !== undefined ? [`| Dead units (0 on every example) | ${(stats.deadFraction * 100).toFixed(1)}% |`] : []),
      ...(stats.weightNorm > 0 ? [`| ‖W‖ / ‖∇W‖ | ${n(stats.weightNorm)} / ${n(stats.gradientNorm)} |`] : []),
    ];
    return [{
      title: `Last run (${last.runId}, epoch ${last.stats.epoch}, ${last.stats.batchSize} ${last.stats.split} examples)`,
      markdown: ['| | |', '|---|---|', ...rows].join('\n'),
    }];
  }

  private load(uri: vscode.Uri): Promise<{ runId: string; stats: LayerStatsFile } | undefined> {
    const key = uri.fsPath;
    let loading = this.cache.get(key);
    if (!loading) {
      loading = this.newestStats(uri);
      this.cache.set(key, loading);
    }
    return loading;
  }

  private async newestStats(uri: vscode.Uri): Promise<{ runId: string; stats: LayerStatsFile } | undefined> {
    for (const run of await this.runFolders.listRuns(TrainingService.runsDir(uri), uri.fsPath)) {
      const stats = await this.runFolders.layerStats(run.runDir);
      if (stats) return { runId: run.meta.runId, stats };
    }
    return undefined;
  }
}
