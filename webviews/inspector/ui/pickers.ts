// The pickers every view shares: the run, the checkpoint epoch (a slider, so features can be watched forming over
// training) and the view tabs.
import { dropdown, slider } from '../../shared/toolkit';
import type { InspectorRun, InspectorViewId } from '../protocol';

export interface PickerEvents {
  onRun(runDir: string): void;
  onEpoch(epoch: number | null): void;
  onView(view: InspectorViewId): void;
}

export class Pickers {
  private readonly runHost: HTMLElement;
  private readonly epochHost: HTMLElement;
  private readonly tabs: HTMLElement;
  /** Slider stops: checkpoint epochs, then the final model (null) when the run has one. */
  private stops: (number | null)[] = [];

  constructor(host: HTMLElement, views: readonly { id: InspectorViewId; label: string }[], private readonly events: PickerEvents) {
    const bar = document.createElement('div');
    bar.className = 'pickers';
    this.runHost = document.createElement('label');
    this.runHost.className = 'picker';
    this.epochHost = document.createElement('label');
    this.epochHost.className = 'picker epoch-picker';
    bar.append(this.runHost, this.epochHost);
    this.tabs = document.createElement('div');
    this.tabs.className = 'tabs';
    this.tabs.setAttribute('role', 'tablist');
    for (const view of views) {
      const tab = document.createElement('button');
      tab.className = 'tab';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', `view-${view.id}`);
      tab.dataset['view'] = view.id;
      tab.textContent = view.label;
      tab.addEventListener('click', () => this.events.onView(view.id));
      this.tabs.append(tab);
    }
    host.replaceChildren(bar, this.tabs);
  }

  setRuns(runs: readonly InspectorRun[], current: string): void {
    const caption = document.createElement('span');
    caption.textContent = 'Run';
    this.runHost.replaceChildren(caption, dropdown(runs.map((r) => ({
      value: r.runDir, label: `${r.runId} · ${r.status} · ${r.epochsDone} epoch${r.epochsDone === 1 ? '' : 's'}`,
    })), current, (runDir) => this.events.onRun(runDir), 'Run'));
  }

  /** `loaded`: the epoch the runtime opened (null: the final model, which then is the last stop). */
  setEpochs(epochs: readonly number[], loaded: number | null): void {
    this.stops = [...epochs];
    if (loaded === null || !epochs.includes(loaded)) this.stops.push(null);
    const index = Math.max(0, this.stops.indexOf(loaded));
    const caption = document.createElement('span');
    const value = document.createElement('output');
    const label = (stop: number | null | undefined) => (stop === null || stop === undefined ? 'final' : `epoch ${stop}`);
    caption.textContent = 'Weights';
    value.textContent = label(this.stops[index]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const input = slider('Checkpoint epoch', { min: 0, max: Math.max(0, this.stops.length - 1), step: 1 }, index, (i) => {
      value.textContent = label(this.stops[i]);
      // Every step of a drag asks; the panel's "latest wins" cancels the older ones still running.
      clearTimeout(timer);
      timer = setTimeout(() => this.events.onEpoch(this.stops[i] ?? null), 30);
    });
    input.disabled = this.stops.length < 2;
    // Runs keep only their last checkpoints plus the best (layerlens.keepCheckpoints): the slider lists those on disk.
    input.title = 'Checkpoints kept on disk: the last few (layerlens.keepCheckpoints) and the best epoch; older ones were pruned';
    this.epochHost.replaceChildren(caption, input, value);
  }

  setView(view: InspectorViewId): void {
    for (const tab of this.tabs.querySelectorAll<HTMLElement>('.tab')) tab.setAttribute('aria-selected', String(tab.dataset['view'] === view));
  }
}
