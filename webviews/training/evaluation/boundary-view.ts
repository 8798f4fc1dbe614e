// The decision boundary of a 2-D classifier: the input plane coloured by predicted class (the class's theme colour,
// stronger where the model is surer), the training points (filled) and validation points (rings) on top. Live frames
// are drawn at most twice a second; the slider replays the frame saved at each epoch end.
import { readChartTheme } from '../chart/chart-theme';
import { parseColour } from '../chart/palette';
import type { DecisionBoundary } from '../protocol';
import { liveFrames } from '../../shared/frame-clock';
import { slider } from '../../shared/toolkit';

const CANVAS_SIZE = 256;
const MIN_REDRAW_MS = 500;

export class BoundaryView {
  readonly element = document.createElement('div');
  private readonly canvas = document.createElement('canvas');
  private readonly caption = document.createElement('figcaption');
  private readonly slider: HTMLInputElement;
  private saved: DecisionBoundary[] = [];
  private live: DecisionBoundary | undefined;
  /** True while the slider rests at its right end: show the newest frame as it comes. */
  private following = true;
  private lastDraw = Number.NEGATIVE_INFINITY;
  /** In the panel's live frame: draws once MIN_REDRAW_MS have passed since the last draw, else asks the next frame. */
  private readonly drawWhenDue = (): void => {
    if (!this.following) this.updateSlider(); // replaying a saved epoch: only the slider grows
    else if (performance.now() - this.lastDraw >= MIN_REDRAW_MS) this.draw();
    else liveFrames.request(this.drawWhenDue);
  };

  constructor() {
    this.element.className = 'boundary';
    this.canvas.width = CANVAS_SIZE;
    this.canvas.height = CANVAS_SIZE;
    this.canvas.className = 'boundary-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Decision boundary');
    this.slider = slider('Epoch of the decision boundary', { min: 1, max: 1, step: 1 }, 1, (value) => {
      this.following = value >= this.saved.length;
      this.draw();
    });
    const heading = document.createElement('h4');
    heading.textContent = 'Decision boundary';
    const figure = document.createElement('figure');
    figure.append(this.canvas, this.caption);
    this.element.append(heading, figure, this.slider);
  }

  /** Frames saved at each epoch end (from the run folder); replaces what the slider holds. */
  setSaved(frames: readonly DecisionBoundary[]): void {
    this.saved = [...frames];
    this.updateSlider();
    this.draw(); // once, when the run's evaluation arrives
  }

  /** A frame of the run training now; epoch-end frames (batch 0) join the slider (updated when drawn). */
  addLive(frame: DecisionBoundary): void {
    if (frame.batch === 0 && !this.saved.some((f) => f.epoch === frame.epoch)) this.saved.push(frame);
    this.live = frame;
    this.schedule();
  }

  dispose(): void {
    liveFrames.cancel(this.drawWhenDue);
  }

  private updateSlider(): void {
    const max = String(Math.max(1, this.saved.length));
    const disabled = this.saved.length < 2;
    if (this.slider.max === max && this.slider.disabled === disabled) return;
    this.slider.max = max;
    this.slider.disabled = disabled;
    if (this.following) this.slider.value = this.slider.max;
  }

  private current(): DecisionBoundary | undefined {
    if (this.following) {
      const newestSaved = this.saved[this.saved.length - 1];
      if (this.live && (!newestSaved || this.live.epoch > newestSaved.epoch || (this.live.epoch === newestSaved.epoch && this.live.batch === 0))) return this.live;
      return newestSaved ?? this.live;
    }
    return this.saved[Number(this.slider.value) - 1];
  }

  /** Redraws in a live frame at least MIN_REDRAW_MS after the last redraw. */
  private schedule(): void {
    liveFrames.request(this.drawWhenDue);
  }

  private draw(): void {
    this.lastDraw = performance.now();
    liveFrames.cancel(this.drawWhenDue);
    this.updateSlider();
    const frame = this.current();
    if (!frame) return;
    drawBoundary(this.canvas, frame);
    this.canvas.dataset.epoch = String(frame.epoch);
    this.canvas.dataset.batch = String(frame.batch);
    this.caption.textContent = `epoch ${frame.epoch}${frame.batch > 0 ? `, batch ${frame.batch}` : ' (end)'} · `
      + `${frame.featureNames[0]} →, ${frame.featureNames[1]} ↑ · ${frame.classNames.join(' / ')} · filled: training, rings: validation`;
  }
}

function drawBoundary(canvas: HTMLCanvasElement, frame: DecisionBoundary): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const theme = readChartTheme(document.body);
  const background = parseColour(theme.background) ?? { r: 0, g: 0, b: 0, a: 1 };
  const colours = theme.seriesColours.map((c) => parseColour(c) ?? background);
  const classes = Math.max(2, frame.classNames.length);
  const { size } = frame;
  const image = context.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const colour = colours[(frame.classes[i] ?? 0) % colours.length] ?? background;
    // Probability as lightness: chance level (1/classes) shows the background, certainty a strong class colour.
    const sure = Math.max(0, ((frame.confidence[i] ?? 0) / 255 - 1 / classes) / (1 - 1 / classes));
    const alpha = 0.15 + 0.6 * sure;
    image.data[4 * i] = background.r + (colour.r - background.r) * alpha;
    image.data[4 * i + 1] = background.g + (colour.g - background.g) * alpha;
    image.data[4 * i + 2] = background.b + (colour.b - background.b) * alpha;
    image.data[4 * i + 3] = 255;
  }
  const small = document.createElement('canvas');
  small.width = size;
  small.height = size;
  small.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(small, 0, 0, canvas.width, canvas.height);
  const [x0, x1] = frame.xRange;
  const [y0, y1] = frame.yRange;
  const { xs, labels, validation } = frame.points;
  context.lineWidth = 1.5;
  for (let i = 0; i < labels.length; i++) {
    const px = (((xs[2 * i] ?? 0) - x0) / (x1 - x0)) * canvas.width;
    const py = (1 - ((xs[2 * i + 1] ?? 0) - y0) / (y1 - y0)) * canvas.height;
    const colour = theme.seriesColours[(labels[i] ?? 0) % theme.seriesColours.length] ?? theme.foreground;
    context.beginPath();
    context.arc(px, py, 3, 0, 2 * Math.PI);
    if (validation[i]) {
      context.strokeStyle = colour;
      context.stroke();
    } else {
      context.fillStyle = colour;
      context.fill();
      context.strokeStyle = theme.foreground;
      context.stroke();
    }
  }
}
