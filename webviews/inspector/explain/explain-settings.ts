// What the Explain view's controls choose, and the toolbar that edits it. Methods and layers are pickers; the
// display settings (alpha, sign, clipping, normalisation) only redraw, they never ask the runtime again.
import { dropdown, slider } from '../../shared/toolkit';
import type { InspectorLayer } from '../protocol';
import type { ExplainMethodId } from './explain-protocol';
import type { SignMode } from './heatmap';

export const METHOD_LABELS: readonly { value: ExplainMethodId; label: string }[] = [
  { value: 'gradcam', label: 'Grad-CAM' }, { value: 'gradcampp', label: 'Grad-CAM++' }, { value: 'cam', label: 'CAM' },
  { value: 'saliency', label: 'Saliency' }, { value: 'smoothgrad', label: 'SmoothGrad' },
  { value: 'ig', label: 'Integrated Gradients' }, { value: 'lrp-epsilon', label: 'LRP-ε' }, { value: 'lrp-zplus', label: 'LRP-z⁺' },
];

/** Methods whose map belongs to a layer (the layer picker applies to them). */
export const LAYER_METHODS: ReadonlySet<ExplainMethodId> = new Set(['gradcam', 'gradcampp', 'cam']);

export type Compare = 'none' | 'method' | 'epoch';

export interface ExplainSettings {
  method: ExplainMethodId;
  layerId: string | undefined;
  /** undefined: the predicted class. */
  classIndex: number | undefined;
  compare: Compare;
  /** The second pane's method (compare = method). */
  method2: ExplainMethodId;
  /** The second pane's checkpoint epoch (compare = epoch); null is the final model. */
  epoch2: number | null;
  alpha: number;
  sign: SignMode;
  /** Outliers clipped, percent (Captum's default 2). */
  clipPercent: number;
  normalisation: 'perImage' | 'fixed';
}

export function defaultSettings(): ExplainSettings {
  return {
    method: 'gradcam', layerId: undefined, classIndex: undefined, compare: 'method', method2: 'saliency', epoch2: null,
    alpha: 0.5, sign: 'absolute', clipPercent: 2, normalisation: 'perImage',
  };
}

/** Layers whose output is spatial `[h, w, c]`: Grad-CAM's candidates. */
export function spatialLayers(layers: readonly InspectorLayer[]): InspectorLayer[] {
  return layers.filter((layer) => layer.outputShape.length === 3);
}

/** A control with its caption, as the toolbars show them. */
export function labelled(caption: string, control: HTMLElement): HTMLElement {
  const wrap = document.createElement('label');
  wrap.className = 'picker';
  const text = document.createElement('span');
  text.textContent = caption;
  wrap.append(text, control);
  return wrap;
}

export interface ToolbarEvents {
  /** A choice that needs new explanations. */
  refetch(): void;
  /** A display choice: redraw what is there. */
  redraw(): void;
  /** The layer picker changed: reveal its line. */
  layerPicked(layerId: string): void;
}

/** Builds the toolbar for `settings` (mutated in place by the controls). */
export function buildToolbar(settings: ExplainSettings, layers: readonly InspectorLayer[], epochs: readonly (number | null)[],
  events: ToolbarEvents): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'view-toolbar explain-toolbar';
  const methodOf = (value: string): ExplainMethodId => METHOD_LABELS.find((m) => m.value === value)?.value ?? 'gradcam';
  const method = dropdown(METHOD_LABELS, settings.method, (value) => { settings.method = methodOf(value); events.refetch(); }, 'Method');
  method.classList.add('explain-method');
  const spatial = spatialLayers(layers);
  const layer = dropdown(spatial.map((l) => ({ value: l.id, label: `${l.id} [${l.outputShape.join('×')}]` })), settings.layerId ?? '',
    (value) => { settings.layerId = value; events.layerPicked(value); events.refetch(); }, 'Layer');
  layer.classList.add('explain-layer');
  const second = document.createElement('span');
  const showSecond = (): void => {
    if (settings.compare === 'method') {
      second.replaceChildren(dropdown(METHOD_LABELS, settings.method2, (value) => { settings.method2 = methodOf(value); events.refetch(); }, 'Second method'));
    } else if (settings.compare === 'epoch') {
      second.replaceChildren(dropdown(epochs.map((e) => ({ value: String(e), label: e === null ? 'final' : `epoch ${e}` })), String(settings.epoch2),
        (value) => { settings.epoch2 = value === 'null' ? null : Number(value); events.refetch(); }, 'Second epoch'));
    } else second.replaceChildren();
  };
  const compare = dropdown([{ value: 'none', label: 'nothing' }, { value: 'method', label: 'another method' }, { value: 'epoch', label: 'another epoch' }],
    settings.compare, (value) => { settings.compare = value === 'method' || value === 'epoch' ? value : 'none'; showSecond(); events.refetch(); }, 'Compare with');
  showSecond();
  const alpha = slider('Overlay alpha', { min: 0, max: 1, step: 0.05 }, settings.alpha, (value) => { settings.alpha = value; events.redraw(); });
  alpha.classList.add('explain-alpha');
  const sign = dropdown([{ value: 'positive', label: 'positive' }, { value: 'negative', label: 'negative' }, { value: 'absolute', label: 'absolute' },
    { value: 'all', label: 'all (diverging)' }], settings.sign, (value) => {
    settings.sign = value === 'positive' || value === 'negative' || value === 'all' ? value : 'absolute';
    events.redraw();
  }, 'Sign');
  const clip = document.createElement('input');
  clip.type = 'number';
  clip.className = 'range-input';
  clip.min = '0';
  clip.max = '50';
  clip.step = '0.5';
  clip.value = String(settings.clipPercent);
  clip.setAttribute('aria-label', 'Outliers clipped (percent)');
  clip.addEventListener('change', () => {
    const value = Number(clip.value);
    if (Number.isFinite(value) && value >= 0 && value < 100) { settings.clipPercent = value; events.redraw(); }
  });
  const scale = dropdown([{ value: 'perImage', label: 'per image' }, { value: 'fixed', label: 'fixed across panes' }], settings.normalisation,
    (value) => { settings.normalisation = value === 'fixed' ? 'fixed' : 'perImage'; events.redraw(); }, 'Normalisation');
  bar.append(labelled('Method', method), labelled('Layer', layer), labelled('Compare with', compare), second,
    labelled('Alpha', alpha), labelled('Sign', sign), labelled('Clip %', clip), labelled('Scale', scale));
  return bar;
}
