import * as vscode from 'vscode';
import { formatCount, type HoverSection, type LayerInfo } from '../../runtime/language';
import { listRuns, readLayerStats, type LayerStatsFile } from '../../runtime/runs';
import { TrainingService } from './training-service';

/**
 * "Last run" hover section: per-layer statistics of the newest run of a model file that wrote `layer-stats.json`
 * (activation mean/std, dead-ReLU fraction, weight and gradient norms on a validation batch). Read from disk once per
 * model file and forgotten when a run of that file ends.
 */
export class LastRunStats {
  private readonly cache = new Map<string, { runId: string; stats: LayerStatsFile } | null>();

  forget(modelFile: string): void { this.cache.delete(modelFile); }

  hoverSections(document: vscode.TextDocument, layer: LayerInfo): HoverSection[] {
    const last = this.load(document.uri);
    const stats = last?.stats.layers.find((l) => l.id === layer.id);
    if (!last || !stats) return [];
    const n = (x: number) => (Math.abs(x) >= 1000 || x === 0 ? formatCount(x) : x.toPrecision(3));
    const rows = [
      `| Activation mean ± std | ${n(stats.activationMean)} ± ${n(stats.activationStd)} |`,
      `| Zeros (dead ReLU) | ${(stats.zeroFraction * 100).toFixed(1)}% |`,
      ...(stats.weightNorm > 0 ? [`| ‖W‖ / ‖∇W‖ | ${n(stats.weightNorm)} / ${n(stats.gradientNorm)} |`] : []),
    ];
    return [{
      title: `Last run (${last.runId}, epoch ${last.stats.epoch}, ${last.stats.batchSize} ${last.stats.split} examples)`,
      markdown: ['| | |', '|---|---|', ...rows].join('\n'),
    }];
  }

  private load(uri: vscode.Uri): { runId: string; stats: LayerStatsFile } | undefined {
    const key = uri.fsPath;
    if (!this.cache.has(key)) {
      let found: { runId: string; stats: LayerStatsFile } | null = null;
      try {
        for (const run of listRuns(TrainingService.runsDir(uri), key)) {
          const stats = readLayerStats(run.runDir);
          if (stats) { found = { runId: run.meta.runId, stats }; break; }
        }
      } catch {
        found = null; // no runs folder yet
      }
      this.cache.set(key, found);
    }
    return this.cache.get(key) ?? undefined;
  }
}
