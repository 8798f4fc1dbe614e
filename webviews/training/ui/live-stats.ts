// The run's numbers above the charts: backend badge, epoch and batch, samples/s, ETA and the last batch loss.
// Written in the panel's live frame, together with the charts, and only where the text changed.
import { liveFrames } from '../../shared/frame-clock';
import type { LiveStatus } from '../protocol';
import { formatDuration, formatMetric, formatRate } from './format';

const FIELDS = ['progress', 'rate', 'eta', 'loss'] as const;
type Field = (typeof FIELDS)[number];

export class LiveStats {
  private readonly badge = document.createElement('span');
  private readonly fields = new Map<Field, HTMLElement>();
  /** Texts to show at the next live frame. */
  private readonly texts = new Map<Field, string>();
  private badgeText = { backend: '', device: '' };
  private lossValue: number | undefined;
  private readonly render = (): void => {
    for (const [field, text] of this.texts) {
      const element = this.fields.get(field);
      if (element && element.textContent !== text) element.textContent = text;
    }
    if (this.badge.textContent !== this.badgeText.backend) this.badge.textContent = this.badgeText.backend;
    this.badge.hidden = this.badgeText.backend === '';
    this.badge.title = this.badgeText.device;
    const loss = this.fields.get('loss');
    if (!loss) return;
    const value = this.lossValue === undefined ? undefined : String(this.lossValue);
    if (loss.dataset.value === value) return;
    if (value === undefined) delete loss.dataset.value;
    else loss.dataset.value = value;
  };

  constructor(container: HTMLElement) {
    const element = document.createElement('div');
    element.className = 'live-stats';
    element.setAttribute('role', 'status');
    element.setAttribute('aria-label', 'Training progress');
    this.badge.className = 'badge';
    this.badge.dataset.field = 'backend';
    this.badge.hidden = true;
    element.append(this.badge);
    for (const field of FIELDS) {
      const span = document.createElement('span');
      span.dataset.field = field;
      this.fields.set(field, span);
      element.append(span);
    }
    container.append(element);
  }

  setLive(live: LiveStatus): void {
    this.setBackend(live.backend, live.device);
    this.set('progress', `epoch ${live.epoch}/${live.epochs} · batch ${live.batch}/${live.batchesPerEpoch}`);
    this.set('rate', formatRate(live.samplesPerSecond));
    this.set('eta', live.etaSeconds === undefined ? '' : `ETA ${formatDuration(live.etaSeconds)}`);
  }

  setBackend(backend: string, device: string): void {
    this.badgeText = { backend, device };
    liveFrames.request(this.render);
  }

  /** The run ended or was stopped: no progress, rate or ETA of a run that is not training. */
  clearLive(): void {
    for (const field of ['progress', 'rate', 'eta'] as const) this.set(field, '');
  }

  /**
   * The last batch loss of the newest shown run (the status bar shows the same value with the same words); the
   * exact value is in `data-value`.
   */
  setLoss(loss: number | undefined): void {
    this.lossValue = loss;
    this.set('loss', loss === undefined ? '' : `last batch loss ${formatMetric(loss)}`);
  }

  private set(field: Field, text: string): void {
    this.texts.set(field, text);
    liveFrames.request(this.render);
  }
}
