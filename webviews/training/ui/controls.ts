// The panel's toolbar: Stop / Train again / Export CSV, and the view settings (x axis, y scale, smoothing method and
// strength). Every control is a labelled toolkit element or native input, in tab order.
import type { SmoothingMethod, ViewSettings } from '../protocol';
import { button, dropdown, slider } from '../../shared/toolkit';
import { describeSmoothing } from './settings';

export interface ControlHandlers {
  onStop(): void;
  onTrainAgain(): void;
  onExportCsv(): void;
  onSettings(settings: ViewSettings): void;
}

export class Controls {
  private readonly stop: HTMLElement;
  private readonly trainAgain: HTMLElement;
  private readonly smoothingText = document.createElement('span');

  constructor(container: HTMLElement, private settings: ViewSettings, private readonly handlers: ControlHandlers) {
    this.stop = button('Stop', () => handlers.onStop(), { title: 'Stop training after the current batch' });
    this.trainAgain = button('Train again', () => handlers.onTrainAgain(), { secondary: true, title: 'Start a new run of this model file' });
    const exportCsv = button('Export CSV', () => handlers.onExportCsv(), { secondary: true, title: 'Save the rows of the shown runs as CSV' });
    const runGroup = group('Run', [this.stop, this.trainAgain, exportCsv]);

    const xAxis = dropdown([{ value: 'step', label: 'Step' }, { value: 'epoch', label: 'Epoch' }], settings.xAxis,
      (value) => this.change({ xAxis: value === 'epoch' ? 'epoch' : 'step' }), 'X axis');
    const yScale = dropdown([{ value: 'linear', label: 'Linear' }, { value: 'log', label: 'Log' }], settings.yScale,
      (value) => this.change({ yScale: value === 'log' ? 'log' : 'linear' }), 'Y scale');
    const method = dropdown([
      { value: 'ema', label: 'EMA (debiased)' },
      { value: 'centred', label: 'Moving average, centred' },
      { value: 'trailing', label: 'Moving average, trailing' },
    ], settings.smoothingMethod, (value) => this.change({ smoothingMethod: value as SmoothingMethod }), 'Smoothing method');
    const strength = slider('Smoothing', { min: 0, max: 100, step: 1 }, settings.smoothing,
      (value) => this.change({ smoothing: value }));
    this.smoothingText.className = 'muted';
    this.smoothingText.dataset.field = 'smoothing';
    this.smoothingText.textContent = describeSmoothing(settings);
    const viewGroup = group('View', [labelled('X axis', xAxis), labelled('Y', yScale), labelled('Smoothing', method), strength,
      this.smoothingText]);
    container.append(runGroup, viewGroup);
    this.setTraining(false);
  }

  setTraining(training: boolean): void {
    this.stop.toggleAttribute('disabled', !training);
    this.trainAgain.toggleAttribute('disabled', training);
  }

  private change(patch: Partial<ViewSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.smoothingText.textContent = describeSmoothing(this.settings);
    this.handlers.onSettings(this.settings);
  }
}

function group(name: string, children: HTMLElement[]): HTMLElement {
  const element = document.createElement('div');
  element.className = 'toolbar-group';
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', name);
  element.append(...children);
  return element;
}

/** A visible caption for a control (the control keeps its own aria-label). */
function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = document.createElement('span');
  label.className = 'control-label';
  const caption = document.createElement('span');
  caption.className = 'muted';
  caption.textContent = text;
  label.append(caption, control);
  return label;
}
