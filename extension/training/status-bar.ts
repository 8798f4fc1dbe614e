import * as vscode from 'vscode';
import type { RunEvent } from './run-events';
// The panel's own formatters, so that the status bar and the Training panel header show the same text for a number.
import { formatDuration, formatMetric, formatRate } from '../../webviews/training/ui/format';

/** `$(pulse) epoch 2/5 · batch 31/84 · last batch loss 0.4123 · 1,105 samples/s · ETA 0:42`, with backend and reasons in the tooltip. */
export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('layerlens.training', vscode.StatusBarAlignment.Left, 10);
  private backendTooltip = '';
  private lastBatchLoss: number | undefined;

  constructor() {
    this.item.name = 'LayerLens Training';
    this.item.command = 'layerlens.showTrainingPanel';
  }

  update(event: RunEvent): void {
    switch (event.type) {
      case 'started': {
        const reasons = event.reasons.map((r) => `\n- not used: ${r}`).join('');
        this.backendTooltip = `Backend: ${event.backend} (${event.device})${reasons}`;
        this.item.text = '$(loading~spin) LayerLens: starting';
        this.item.tooltip = this.backendTooltip;
        this.item.show();
        return;
      }
      case 'metrics': {
        const p = event.progress;
        const parts = [`epoch ${p.epoch}/${p.epochs}`, `batch ${p.batch}/${p.batchesPerEpoch}`];
        if (p.loss !== undefined) parts.push(`last batch loss ${formatMetric(p.loss)}`);
        this.lastBatchLoss = p.loss;
        parts.push(formatRate(p.samplesPerSecond));
        if (p.etaSeconds !== undefined) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
        this.item.text = `$(pulse) ${parts.join(' · ')}`;
        this.item.tooltip = `${this.backendTooltip}\nClick to show the training panel`;
        this.item.show();
        return;
      }
      case 'ended': {
        // The same number, with the same words, as the Training panel's header: the last batch's loss.
        const loss = this.lastBatchLoss;
        this.item.text = `$(${event.status === 'completed' ? 'check' : 'warning'}) LayerLens: ${event.status}` +
          (loss !== undefined ? ` · last batch loss ${formatMetric(loss)}` : '');
        this.lastBatchLoss = undefined;
        this.item.tooltip = `${event.message ?? ''}\n${this.backendTooltip}`.trim();
        return;
      }
      default: {
        const unexpected: never = event;
        throw new Error(`unexpected run event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  dispose(): void { this.item.dispose(); }
}
