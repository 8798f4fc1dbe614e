// The Feature maps view: every layer's output for the chosen input, fetched lazily as its section scrolls into view.
// A new run, epoch or input starts a new generation: what the old one still has in flight is cancelled (the runtime
// is told), so a slider drag never queues stale work.
import { dropdown } from '../../shared/toolkit';
import type { FeatureMapsAnswer, InspectorLayer, Tensor } from '../protocol';
import { themeColourMaps, type ColourMaps } from '../ui/colour-map';
import { renderLayer, renderProbabilities } from '../ui/layer-render';
import type { Normalisation } from '../ui/tensor-stats';
import { HoverTip } from '../ui/hover-tip';
import { drawInput } from '../ui/input-image';
import type { InspectorView, Selection, ViewContext } from './view';

interface LayerSection {
  readonly layer: InspectorLayer;
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  /** The output of the current generation, once fetched. */
  tensor?: Tensor;
  canvases: number;
  requested: boolean;
}

export class FeatureMapsView implements InspectorView {
  readonly id = 'featureMaps' as const;
  readonly label = 'Feature maps';
  private context!: ViewContext;
  private list!: HTMLElement;
  /** The tensor fed in (exactly, as the runtime reports it) and the prediction. */
  private fed!: HTMLElement;
  private colours!: ColourMaps;
  private readonly tip = new HoverTip();
  private sections: LayerSection[] = [];
  private selection: Selection | undefined;
  private generation = new AbortController();
  private readonly queued = new Set<string>();
  private inFlight: Promise<void>[] = [];
  private observer: IntersectionObserver | undefined;
  private normalisation: Normalisation = 'channel';
  private fixed = { min: 0, max: 1 };
  private highlighted: string | undefined;
  private answer: FeatureMapsAnswer | undefined;

  constructor(private readonly onNormalisation: (mode: Normalisation) => void, initial: Normalisation) {
    this.normalisation = initial;
  }

  mount(host: HTMLElement, context: ViewContext): void {
    this.context = context;
    this.colours = themeColourMaps(document.body);
    const toolbar = document.createElement('div');
    toolbar.className = 'view-toolbar';
    const label = document.createElement('span');
    label.textContent = 'Normalise';
    const min = numberInput('fixed minimum', this.fixed.min, (v) => { this.fixed = { ...this.fixed, min: v }; this.redraw(); });
    const max = numberInput('fixed maximum', this.fixed.max, (v) => { this.fixed = { ...this.fixed, max: v }; this.redraw(); });
    const showFixed = () => { min.hidden = max.hidden = this.normalisation !== 'fixed'; };
    toolbar.append(label, dropdown([
      { value: 'channel', label: 'per channel' }, { value: 'layer', label: 'per layer' }, { value: 'fixed', label: 'fixed range' },
    ], this.normalisation, (value) => {
      this.normalisation = value === 'layer' || value === 'fixed' ? value : 'channel';
      showFixed();
      this.onNormalisation(this.normalisation);
      this.redraw();
    }, 'Normalisation'), min, max);
    showFixed();
    this.list = document.createElement('div');
    this.list.className = 'layers';
    this.fed = document.createElement('div');
    this.fed.className = 'fed-input';
    host.replaceChildren(toolbar, this.fed, this.list);
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const section = this.sections.find((s) => s.element === entry.target);
        if (entry.isIntersecting && section && !section.requested) this.enqueue(section);
      }
    }, { rootMargin: '300px 0px' });
  }

  show(selection: Selection): void {
    const layersChanged = this.selection?.session.layers !== selection.session.layers;
    this.selection = selection;
    this.generation.abort();
    this.generation = new AbortController();
    this.queued.clear();
    this.answer = undefined;
    if (layersChanged) this.build(selection.session.layers);
    for (const section of this.sections) {
      section.requested = false;
      delete section.tensor;
      section.element.classList.add('stale');
      this.observer?.unobserve(section.element);
      this.observer?.observe(section.element); // fires again for the sections in view
    }
  }

  highlightLayer(layerId: string): void {
    this.highlighted = layerId;
    for (const section of this.sections) {
      const on = section.layer.id === layerId;
      section.element.classList.toggle('highlighted', on);
      if (on) section.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  themeChanged(): void {
    this.colours = themeColourMaps(document.body);
    this.redraw();
  }

  async settled(): Promise<void> {
    // Observer callbacks and the fetch batch run after a frame; then wait for every fetch of this generation.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    while (this.inFlight.length > 0) await Promise.allSettled(this.inFlight.splice(0));
  }

  layerState(): { id: string; canvases: number; highlighted: boolean }[] {
    return this.sections.filter((s) => s.tensor).map((s) => ({ id: s.layer.id, canvases: s.canvases, highlighted: s.layer.id === this.highlighted }));
  }

  private build(layers: readonly InspectorLayer[]): void {
    this.observer?.disconnect();
    this.sections = layers.map((layer) => {
      const element = document.createElement('section');
      element.className = 'layer';
      element.dataset['layer'] = layer.id;
      const header = document.createElement('button');
      header.className = 'layer-header';
      header.title = layer.line === undefined ? 'This layer is not in the model file as it is now' : `Go to line ${layer.line + 1}`;
      const name = document.createElement('span');
      name.className = 'layer-id';
      name.textContent = layer.id;
      const details = document.createElement('span');
      details.className = 'layer-details';
      details.textContent = `${layer.type} · ${layer.outputShape.join('×')}`;
      header.append(name, details);
      header.addEventListener('click', () => this.context.revealLayer(layer.id));
      const body = document.createElement('div');
      body.className = 'layer-body';
      body.style.minHeight = `${estimatedHeight(layer.outputShape)}px`;
      element.append(header, body);
      return { layer, element, body, canvases: 0, requested: false };
    });
    this.list.replaceChildren(...this.sections.map((s) => s.element));
    if (this.highlighted) this.highlightLayer(this.highlighted);
  }

  private enqueue(section: LayerSection): void {
    section.requested = true;
    this.queued.add(section.layer.id);
    if (this.queued.size > 1) return;
    queueMicrotask(() => this.fetchQueued());
  }

  /** One request for every layer that came into view in the same tick. */
  private fetchQueued(): void {
    const selection = this.selection;
    if (!selection || this.queued.size === 0) return;
    const layerIds = [...this.queued];
    this.queued.clear();
    const signal = this.generation.signal;
    const fetching = this.context.request('featureMaps', { ...selection.key, layerIds, input: selection.input }, { signal, timeoutMs: 120_000 })
      .then((answer) => {
        if (signal.aborted) return;
        this.answer = answer;
        this.showFed(answer, selection);
        for (const output of answer.layers) {
          const section = this.sections.find((s) => s.layer.id === output.id);
          if (section) { section.tensor = output; this.draw(section); }
        }
      }, (error: unknown) => {
        if (signal.aborted) return;
        for (const id of layerIds) {
          const section = this.sections.find((s) => s.layer.id === id);
          if (section) section.requested = false;
        }
        this.context.showError(error instanceof Error ? error.message : String(error));
      });
    this.inFlight.push(fetching);
  }

  private showFed(answer: FeatureMapsAnswer, selection: Selection): void {
    const caption = document.createElement('span');
    const names = selection.session.classNames;
    const name = (c: number) => names[c] ?? String(c);
    let best = 0;
    answer.probs.forEach((p, i) => { if (p > (answer.probs[best] ?? 0)) best = i; });
    caption.textContent = selection.session.task !== 'classification' ? 'Input'
      : `Input · ${answer.label === null ? '' : `true ${name(answer.label)} · `}predicted ${name(best)} (${((answer.probs[best] ?? 0) * 100).toFixed(0)}%)`;
    if (answer.label !== null && answer.label !== best) caption.classList.add('wrong');
    this.fed.replaceChildren(answer.input.shape.length === 3 ? drawInput(answer.input, 84) : document.createElement('span'), caption);
  }

  private redraw(): void {
    for (const section of this.sections) if (section.tensor) this.draw(section);
  }

  private draw(section: LayerSection): void {
    const tensor = section.tensor;
    const selection = this.selection;
    if (!tensor || !selection) return;
    section.element.classList.remove('stale');
    const isOutput = section.layer === selection.session.layers.at(-1);
    if (isOutput && selection.session.task === 'classification' && this.answer) {
      renderProbabilities(section.body, this.answer.probs, selection.session.classNames, this.answer.label);
      section.canvases = 0;
      return;
    }
    section.canvases = renderLayer(section.body, tensor, {
      normalisation: this.normalisation, fixed: this.fixed, colours: this.colours,
      onHover: (text, anchor) => this.tip.show(text, anchor),
    });
  }
}

/** Room kept for a layer before its maps arrive, so scrolling does not jump. */
function estimatedHeight(shape: readonly number[]): number {
  return shape.length >= 2 ? 60 : 44;
}

function numberInput(label: string, value: number, onChange: (value: number) => void): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.step = 'any';
  input.className = 'range-input';
  input.value = String(value);
  input.setAttribute('aria-label', label);
  input.addEventListener('change', () => { if (Number.isFinite(input.valueAsNumber)) onChange(input.valueAsNumber); });
  return input;
}
