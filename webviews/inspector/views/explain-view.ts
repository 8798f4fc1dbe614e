// The Explain view: why did the model predict that? One or two panes (two methods on the same input, or one method
// at two checkpoint epochs), each an overlay of the map on the input; the top-5 classes (click one to explain it);
// plain-word warnings. Methods and layers ask the runtime; alpha, sign, clipping and normalisation only redraw.
// Panes are fetched one after the other: the runtime keeps one session per run and switches its weights per epoch.
// Below, activation maximization (maximize-section.ts) shows which input raises a class or a channel most.
import { themeColourMaps } from '../ui/colour-map';
import type { ExplainAnswer } from '../explain/explain-protocol';
import { applySign, clipThreshold, emptyMapNote, normalise, sharedScales, topClasses, VIRIDIS_STOPS } from '../explain/heatmap';
import { buildToolbar, defaultSettings, LAYER_METHODS, METHOD_LABELS, spatialLayers, type ExplainSettings } from '../explain/explain-settings';
import { colourBar, drawOverlay } from '../explain/overlay';
import { lookupTable } from '../ui/colour-map';
import { MaximizeSection } from '../explain/maximize-section';
import type { InspectorView, Selection, ViewContext } from './view';

const OVERLAY_SIZE = 196;

interface Pane {
  readonly title: string;
  answer?: ExplainAnswer;
  error?: string;
}

export class ExplainView implements InspectorView {
  readonly id = 'explain' as const;
  readonly label = 'Explain';
  private context!: ViewContext;
  private root!: HTMLElement;
  private toolbarHost!: HTMLElement;
  private classes!: HTMLElement;
  private panesHost!: HTMLElement;
  private readonly settings: ExplainSettings = defaultSettings();
  private selection: Selection | undefined;
  private panes: Pane[] = [];
  private generation = new AbortController();
  private fetching: Promise<void> = Promise.resolve();
  private overlays = 0;
  private readonly viridis = lookupTable(VIRIDIS_STOPS);
  private maximize!: MaximizeSection;

  mount(host: HTMLElement, context: ViewContext): void {
    this.context = context;
    this.root = host;
    this.toolbarHost = document.createElement('div');
    this.classes = document.createElement('ol');
    this.classes.className = 'explain-classes';
    this.panesHost = document.createElement('div');
    this.panesHost.className = 'explain-panes';
    const side = document.createElement('div');
    side.className = 'explain-side';
    const heading = document.createElement('h3');
    heading.textContent = 'Top classes';
    side.append(heading, this.classes);
    const body = document.createElement('div');
    body.className = 'explain-body';
    body.append(this.panesHost, side);
    this.maximize = new MaximizeSection(context.request);
    host.replaceChildren(this.toolbarHost, body, this.maximize.element);
  }

  show(selection: Selection): void {
    const sessionChanged = this.selection?.session !== selection.session;
    const inputChanged = this.selection?.input !== selection.input;
    this.selection = selection;
    if (sessionChanged) {
      const spatial = spatialLayers(selection.session.layers);
      if (!spatial.some((l) => l.id === this.settings.layerId)) this.settings.layerId = spatial[spatial.length - 1]?.id;
      const epochs = this.epochStops();
      if (!epochs.includes(this.settings.epoch2)) this.settings.epoch2 = epochs[0] ?? null;
      this.buildToolbar();
    }
    if (inputChanged) this.settings.classIndex = undefined;
    this.maximize.setSession(selection.key, selection.session, this.panes[0]?.answer?.classIndex);
    this.refetch();
  }

  highlightLayer(layerId: string): void {
    if (!this.selection || layerId === this.settings.layerId) return;
    if (!spatialLayers(this.selection.session.layers).some((l) => l.id === layerId)) return;
    this.settings.layerId = layerId;
    this.buildToolbar();
    if (LAYER_METHODS.has(this.settings.method) && !this.root.closest('[hidden]')) this.refetch();
  }

  themeChanged(): void {
    this.redraw();
    this.maximize.themeChanged();
  }

  maximizeProgress(done: number, total: number): void {
    this.maximize.showProgress(done, total);
  }

  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.fetching;
      await current;
    } while (current !== this.fetching);
  }

  layerState(): { id: string; canvases: number; highlighted: boolean }[] {
    return this.panes.filter((p) => p.answer).map((p) => ({ id: p.answer?.layer ?? p.answer?.method ?? '', canvases: this.overlays, highlighted: false }));
  }

  private epochStops(): (number | null)[] {
    return this.selection ? [...this.selection.session.epochs, null] : [null];
  }

  private buildToolbar(): void {
    if (!this.selection) return;
    this.toolbarHost.replaceChildren(buildToolbar(this.settings, this.selection.session.layers, this.epochStops(), {
      refetch: () => this.refetch(), redraw: () => this.redraw(), layerPicked: (id) => this.context.revealLayer(id),
    }));
  }

  private refetch(): void {
    const selection = this.selection;
    if (!selection) return;
    this.generation.abort();
    const generation = new AbortController();
    this.generation = generation;
    const { method, method2, compare, epoch2, layerId, classIndex } = this.settings;
    const label = (m: string): string => METHOD_LABELS.find((l) => l.value === m)?.label ?? m;
    const epochLabel = (e: number | null): string => (e === null ? 'final' : `epoch ${e}`);
    const jobs = [{ method, key: selection.key, title: compare === 'epoch' ? `${label(method)} · ${epochLabel(selection.key.epoch)}` : label(method) }];
    if (compare === 'method') jobs.push({ method: method2, key: selection.key, title: label(method2) });
    if (compare === 'epoch') jobs.push({ method, key: { runDir: selection.key.runDir, epoch: epoch2 }, title: `${label(method)} · ${epochLabel(epoch2)}` });
    this.panes = jobs.map((job) => ({ title: job.title }));
    this.panesHost.classList.add('stale');
    this.fetching = (async () => {
      for (const [i, job] of jobs.entries()) {
        try {
          const answer = await this.context.request('explain', {
            ...job.key, input: selection.input, method: job.method,
            ...(LAYER_METHODS.has(job.method) && layerId !== undefined && job.method !== 'cam' ? { layerId } : {}),
            ...(classIndex !== undefined ? { classIndex } : {}),
          }, { signal: generation.signal, timeoutMs: 180_000, latestWins: `explain-${i}` });
          if (generation.signal.aborted) return;
          (this.panes[i] as Pane).answer = answer;
        } catch (error) {
          if (generation.signal.aborted) return;
          (this.panes[i] as Pane).error = error instanceof Error ? error.message : String(error);
        }
      }
      if (!generation.signal.aborted) this.redraw();
    })();
  }

  private redraw(): void {
    this.panesHost.classList.remove('stale');
    const { sign, clipPercent, normalisation, alpha } = this.settings;
    const signed = sign === 'all';
    const table = signed ? themeColourMaps(document.body).diverging : this.viridis;
    const shown = this.panes.map((pane) => (pane.answer ? applySign(pane.answer.upsampled.data, sign) : undefined));
    const scales = sharedScales(shown.map((values) => (values ? clipThreshold(values, clipPercent) : 0)), normalisation);
    this.overlays = 0;
    const elements = this.panes.map((pane, i) => {
      const figure = document.createElement('figure');
      figure.className = 'explain-pane';
      const caption = document.createElement('figcaption');
      caption.textContent = pane.title;
      figure.append(caption);
      const values = shown[i];
      if (pane.error !== undefined || !pane.answer || !values) {
        const line = document.createElement('p');
        line.className = 'warning';
        line.textContent = pane.error ?? 'Computing…';
        figure.append(line);
        return figure;
      }
      const scale = scales[i] ?? 0;
      figure.append(drawOverlay(pane.answer.input, normalise(values, scale), { alpha, table, signed }, OVERLAY_SIZE), colourBar(table, signed, scale));
      this.overlays++;
      const notes = [...pane.answer.warnings];
      if (scale === 0) notes.push(emptyMapNote(sign));
      if (pane.answer.gapPercent !== undefined) {
        const gap = document.createElement('p');
        gap.className = 'explain-gap';
        gap.textContent = `${pane.answer.method === 'ig' ? 'Completeness' : 'Conservation'} gap: ${pane.answer.gapPercent.toFixed(2)}%`;
        figure.append(gap);
      }
      for (const note of notes) {
        const line = document.createElement('p');
        line.className = 'warning';
        line.textContent = note;
        figure.append(line);
      }
      return figure;
    });
    this.panesHost.replaceChildren(...elements);
    this.drawClasses();
    const explained = this.panes[0]?.answer?.classIndex;
    if (explained !== undefined) this.maximize.suggestClass(explained);
  }

  private drawClasses(): void {
    const answer = this.panes[0]?.answer;
    const names = this.selection?.session.classNames ?? [];
    if (!answer) { this.classes.replaceChildren(); return; }
    this.classes.replaceChildren(...topClasses(answer.probs, 5).map(({ index, probability }) => {
      const item = document.createElement('li');
      const choose = document.createElement('button');
      choose.className = 'explain-class';
      choose.setAttribute('aria-pressed', String(index === answer.classIndex));
      const name = names[index] ?? String(index);
      choose.textContent = `${name}${index === answer.label ? ' (true)' : ''} · ${(probability * 100).toFixed(1)}%`;
      choose.title = `Explain class ${name}`;
      choose.addEventListener('click', () => { this.settings.classIndex = index; this.refetch(); });
      item.append(choose);
      return item;
    }));
  }
}
