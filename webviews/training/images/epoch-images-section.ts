// The "Epoch images" section of the Training panel: what a GAN generated from its fixed noise, or an autoencoder's
// validation inputs above their reconstructions, at the end of one epoch of a shown run. It follows the newest epoch
// while a run trains; the slider replays earlier ones (asked of the extension, then kept).
import type { EpochImagesView } from '../protocol';
import { dropdown, slider } from '../../shared/toolkit';
import { imageCanvas } from '../evaluation/thumbnails';
import { displayRange, hwcShape, imageBytes, imageCount, type DisplayRange } from './image-values';

/** Epochs kept per run once received (a 16-image MNIST grid is about 50 kB). */
const KEPT_EPOCHS = 200;

interface RunImages {
  /** Epochs with saved images, ascending. */
  epochs: readonly number[];
  readonly frames: Map<number, EpochImagesView>;
  /** The epoch on screen; undefined: follow the newest. */
  epoch?: number;
}

export class EpochImagesSection {
  private readonly runs = new Map<string, RunImages>();
  private shown: readonly string[] = [];
  /** The run the user picked; undefined: the first shown run with images. */
  private chosen: string | undefined;
  private readonly runPick = document.createElement('span');
  private readonly epochSlider = slider('Epoch', { min: 0, max: 0, step: 1 }, 0, (index) => this.onSlide(index));
  private readonly caption = document.createElement('span');
  private readonly frameHolder = document.createElement('div');

  constructor(private readonly container: HTMLElement, private readonly labelOf: (runId: string) => string,
    private readonly request: (runId: string, epoch: number) => void) {
    const heading = document.createElement('h2');
    heading.textContent = 'Epoch images';
    const bar = document.createElement('div');
    bar.className = 'toolbar';
    this.caption.className = 'muted';
    bar.append(this.runPick, labelled('Epoch', this.epochSlider), this.caption);
    container.append(heading, bar, this.frameHolder);
    container.hidden = true;
  }

  /** The shown runs, newest first: runs no longer shown are forgotten. */
  setShown(runIds: readonly string[]): void {
    this.shown = runIds;
    for (const runId of [...this.runs.keys()]) if (!runIds.includes(runId)) this.runs.delete(runId);
    this.render();
  }

  /** An `epochImages` message: the run's epochs, and one epoch's images (the newest, or one the slider asked for). */
  setImages(runId: string, epochs: readonly number[], images: EpochImagesView | undefined): void {
    if (!this.shown.includes(runId)) return;
    const run = this.runs.get(runId) ?? { epochs: [], frames: new Map<number, EpochImagesView>() };
    this.runs.set(runId, run);
    run.epochs = epochs;
    if (images) {
      run.frames.set(images.epoch, images);
      if (run.frames.size > KEPT_EPOCHS) run.frames.delete(run.frames.keys().next().value ?? images.epoch);
    }
    this.render();
  }

  private selected(): string | undefined {
    const withImages = this.shown.filter((runId) => (this.runs.get(runId)?.epochs.length ?? 0) > 0);
    return this.chosen !== undefined && withImages.includes(this.chosen) ? this.chosen : withImages[0];
  }

  private epochOf(run: RunImages): number | undefined {
    return run.epoch !== undefined && run.epochs.includes(run.epoch) ? run.epoch : run.epochs[run.epochs.length - 1];
  }

  private render(): void {
    const runId = this.selected();
    const run = runId === undefined ? undefined : this.runs.get(runId);
    const epoch = run ? this.epochOf(run) : undefined;
    this.container.hidden = runId === undefined;
    if (runId === undefined || !run || epoch === undefined) {
      this.frameHolder.replaceChildren();
      return;
    }
    this.renderRunPick(runId);
    // The slider is updated in place, never rebuilt: rebuilding it under the pointer would end a drag.
    const last = run.epochs.length - 1;
    this.epochSlider.max = String(Math.max(last, 0));
    this.epochSlider.value = String(run.epochs.indexOf(epoch));
    this.epochSlider.disabled = last <= 0;
    this.caption.textContent = `epoch ${epoch} of ${run.epochs[last] ?? epoch}${run.epoch === undefined ? ' (newest)' : ''}`;
    const frame = run.frames.get(epoch);
    const drawn = this.frameHolder.firstElementChild;
    if (frame && drawn instanceof HTMLElement && drawn.dataset['frame'] === `${runId}:${epoch}`) return;
    this.frameHolder.replaceChildren(frame ? frameView(frame, `${runId}:${epoch}`) : waiting());
  }

  /** The run picker, shown when more than one shown run saved images; rebuilt only when that list changes. */
  private renderRunPick(runId: string): void {
    const withImages = this.shown.filter((id) => (this.runs.get(id)?.epochs.length ?? 0) > 0);
    const key = `${runId}\n${withImages.join('\n')}`;
    if (this.runPick.dataset['key'] === key) return;
    this.runPick.dataset['key'] = key;
    this.runPick.replaceChildren(...(withImages.length > 1
      ? [labelled('Run', dropdown(withImages.map((id) => ({ value: id, label: this.labelOf(id) })), runId,
        (value) => { this.chosen = value; this.render(); }, 'Run'))]
      : []));
  }

  /** The slider moved to position `index` of the selected run's epochs. */
  private onSlide(index: number): void {
    const runId = this.selected();
    const run = runId === undefined ? undefined : this.runs.get(runId);
    const next = run?.epochs[index];
    if (runId === undefined || !run || next === undefined) return;
    // At the right end the view follows new epochs as they end.
    if (index === run.epochs.length - 1) delete run.epoch;
    else run.epoch = next;
    if (!run.frames.has(next)) this.request(runId, next);
    this.render();
  }
}

/** A GAN's images in a 4-wide grid; reconstruction: inputs over their reconstructions, one column per example. */
function frameView(frame: EpochImagesView, key: string): HTMLElement {
  const shape = hwcShape(frame.shape);
  const sets = frame.kind === 'reconstruction' && frame.reconstructions
    ? [{ name: 'input', values: frame.images }, { name: 'reconstruction', values: frame.reconstructions }]
    : [{ name: 'generated', values: frame.images }];
  const range = displayRange(sets.map((s) => s.values));
  const grid = document.createElement('div');
  grid.className = `epoch-images ${frame.kind}`;
  grid.dataset['frame'] = key;
  const count = imageCount(frame.images, frame.shape);
  grid.style.setProperty('--columns', String(frame.kind === 'gan' ? Math.ceil(Math.sqrt(count)) : count));
  grid.setAttribute('aria-label', frame.kind === 'gan'
    ? `${count} images generated from fixed noise after epoch ${frame.epoch}`
    : `${count} validation inputs (top row) and their reconstructions (bottom row) after epoch ${frame.epoch}`);
  for (const set of sets) {
    for (let i = 0; i < count; i++) grid.append(canvasOf(set.values, i, shape, range, `${set.name} ${i + 1}`));
  }
  return grid;
}

function canvasOf(values: Float32Array, index: number, shape: [number, number, number], range: DisplayRange, label: string): HTMLCanvasElement {
  return imageCanvas(shape, imageBytes(values, index, shape, range), label);
}

/** The epoch's images were asked for and have not arrived (or its file could not be read). */
function waiting(): HTMLElement {
  const line = document.createElement('p');
  line.className = 'muted';
  line.textContent = 'No images of this epoch yet.';
  return line;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'control-label';
  label.append(`${text} `, control);
  return label;
}
