import uPlot from 'uplot';
// esbuild bundles these into the webview's .css output (uPlot's layout first, then our theme overrides).
import 'uplot/dist/uPlot.min.css';
import './chart.css';
import { ChartModel, type ChartSeriesSpec } from './chart-model';
import { buildChartOptions, seriesSlots, type XAxisKind, type YScaleKind } from './chart-options';
import { readChartTheme } from './chart-theme';
import { buildDrawnData, type DrawableSeries } from './drawn-data';
import type { ChartTheme } from './palette';
import type { SmoothingSpec } from './smoothing';
import { liveFrames } from '../../shared/frame-clock';

export type { ChartSeriesSpec } from './chart-model';
export type { XAxisKind, YScaleKind } from './chart-options';
export type { SmoothingSpec } from './smoothing';

export interface TrainingChartOptions {
  /** Chart title, e.g. "loss" (rendered as text). */
  title: string;
  xAxis: XAxisKind;
  yScale?: YScaleKind;
  /** Default: debiased EMA with β = 0.9. */
  smoothing?: SmoothingSpec;
  /** Size in CSS pixels (plot plus axes; the legend comes below). */
  width: number;
  height: number;
  /** Called after every frame the chart draws (for benchmarks and tests). */
  onFrame?: (frame: FrameStats) => void;
}

export interface FrameStats {
  /** Time to bucket, align and draw this frame (ms). */
  drawMs: number;
  /** Points drawn (after bucketing), over all drawn series. */
  drawnPoints: number;
  /** Points held in memory, over all series. */
  totalPoints: number;
}

interface XRange {
  min: number;
  max: number;
}

/**
 * One live chart (e.g. "loss") with several series, drawn with uPlot. Every point is kept; each
 * frame re-buckets the visible x-range to ≤ 4 points per pixel column (first/min/max/last) so no
 * spike is hidden. Updates are coalesced to one redraw per animation frame. Drag to zoom on x,
 * double-click to show everything again. Colours come only from the VS Code theme variables.
 */
export class TrainingChart {
  private readonly model: ChartModel;
  private readonly root: HTMLDivElement;
  private plot: uPlot | undefined;
  private theme: ChartTheme;
  private fontFamily = '';
  private yScale: YScaleKind;
  private width: number;
  private height: number;
  /** Zoomed x-range, or undefined to show all data. */
  private zoom: XRange | undefined;
  private structureChanged = true;
  private frameRequest: number | undefined;
  private drawnPoints = 0;
  /** New points are drawn in the panel's shared live frame (unless a frame of this chart is already on its way). */
  private readonly drawLive = (): void => {
    if (this.frameRequest === undefined) this.frame();
  };

  constructor(container: HTMLElement, private readonly options: TrainingChartOptions) {
    this.model = new ChartModel(options.smoothing ?? { type: 'ema', beta: 0.9 });
    this.yScale = options.yScale ?? 'linear';
    this.width = options.width;
    this.height = options.height;
    this.root = document.createElement('div');
    this.root.className = 'layerlens-chart';
    container.appendChild(this.root);
    this.theme = this.readTheme();
    this.scheduleFrame();
  }

  addSeries(spec: ChartSeriesSpec): void {
    this.model.addSeries(spec);
    this.structureChanged = true;
    this.scheduleFrame();
  }

  removeSeries(key: string): void {
    if (this.model.removeSeries(key)) {
      this.structureChanged = true;
      this.scheduleFrame();
    }
  }

  /** Appends a batch of points (x finite and non-decreasing per series); drawn on the next frame. */
  appendPoints(seriesKey: string, xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    this.model.append(seriesKey, xs, ys);
    this.scheduleDataFrame();
  }

  setYScale(kind: YScaleKind): void {
    if (kind === this.yScale) return;
    this.yScale = kind;
    this.structureChanged = true;
    this.scheduleFrame();
  }

  setSmoothing(spec: SmoothingSpec): void {
    this.model.setSmoothing(spec);
    this.structureChanged = true;
    this.scheduleFrame();
  }

  /** Re-reads the --vscode-* colours (call when the webview's theme changes). */
  setTheme(): void {
    this.theme = this.readTheme();
    this.structureChanged = true;
    this.scheduleFrame();
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.plot?.setSize({ width, height });
    this.scheduleFrame();
  }

  /** Shows all data again (also bound to double-click). */
  resetZoom(): void {
    this.zoom = undefined;
    this.scheduleFrame();
  }

  /** Points drawn in the last frame, over all drawn series (raw and smoothed). */
  drawnPointCount(): number {
    return this.drawnPoints;
  }

  /** Draws any pending change now instead of on the next animation frame. */
  flush(): void {
    this.cancelFrames();
    this.frame();
  }

  /** PNG data URL of the plot (axes and lines, on the theme's editor background). */
  toPNG(): Promise<string> {
    this.flush();
    const source = this.plot?.ctx.canvas;
    if (!source) return Promise.reject(new Error('chart is not drawn'));
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const context = canvas.getContext('2d');
    if (!context) return Promise.reject(new Error('no 2D canvas context'));
    context.fillStyle = this.theme.background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
    return Promise.resolve(canvas.toDataURL('image/png'));
  }

  destroy(): void {
    this.cancelFrames();
    this.plot?.destroy();
    this.plot = undefined;
    this.root.remove();
  }

  private readTheme(): ChartTheme {
    this.fontFamily = getComputedStyle(this.root).getPropertyValue('--vscode-font-family').trim();
    return readChartTheme(this.root);
  }

  private scheduleFrame(): void {
    this.frameRequest ??= requestAnimationFrame(() => this.frame());
  }

  /**
   * New data is drawn in the panel's live frame, at most every LIVE_FRAME_INTERVAL_MS and together with the rest of
   * the panel: live curves need no more, and on a small machine every redraw is CPU taken from the training process.
   * User actions (zoom, scale, smoothing) still draw on the next animation frame.
   */
  private scheduleDataFrame(): void {
    if (this.frameRequest === undefined) liveFrames.request(this.drawLive);
  }

  private cancelFrames(): void {
    if (this.frameRequest !== undefined) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = undefined;
    liveFrames.cancel(this.drawLive);
  }

  private frame(): void {
    this.frameRequest = undefined;
    liveFrames.cancel(this.drawLive); // drawn now, with everything pending
    const start = performance.now();
    const plot = this.structureChanged || !this.plot ? this.rebuildPlot() : this.plot;
    const slots = seriesSlots(this.model.layers());
    const drawables = slots.map((slot): DrawableSeries => (slot.role === 'smoothed' && slot.layer.smoothed) || slot.layer.raw);
    const range = this.zoom ?? this.model.xExtent();
    const columns = Math.max(1, Math.round(plot.bbox.width || this.width * devicePixelRatio));
    const drawn = range
      ? buildDrawnData(drawables, range.min, range.max, columns, { positiveOnly: this.yScale === 'log' })
      : { xs: new Float64Array(0), ys: drawables.map(() => []), pointCount: 0 };
    // batch() commits synchronously, so the timing below includes uPlot's drawing.
    plot.batch(() => {
      plot.setData([drawn.xs, ...drawn.ys], this.zoom === undefined);
      if (this.zoom) plot.setScale('x', { min: this.zoom.min, max: this.zoom.max });
    });
    this.drawnPoints = drawn.pointCount;
    // New data can change the axis sizes and so the plot width: re-bucket once more at the new width.
    if (Math.round(plot.bbox.width) !== columns) this.scheduleFrame();
    this.options.onFrame?.({
      drawMs: performance.now() - start,
      drawnPoints: drawn.pointCount,
      totalPoints: this.model.totalPoints(),
    });
  }

  private rebuildPlot(): uPlot {
    this.plot?.destroy();
    const layers = this.model.layers();
    const plotOptions = buildChartOptions({
      title: this.options.title,
      width: this.width,
      height: this.height,
      xAxis: this.options.xAxis,
      yScale: this.yScale,
      theme: this.theme,
      layers,
      fontFamily: this.fontFamily,
      onZoomSelect: (min, max) => {
        this.zoom = { min: Math.min(min, max), max: Math.max(min, max) };
        this.scheduleFrame();
      },
      onResetZoom: () => this.resetZoom(),
    });
    const empty: uPlot.AlignedData = [new Float64Array(0), ...seriesSlots(layers).map(() => [])];
    const plot = new uPlot(plotOptions, empty, this.root);
    // uPlot measures its layout (bbox) on its first commit; do that now so bucketing knows the width.
    plot.batch(() => undefined);
    this.plot = plot;
    this.structureChanged = false;
    return plot;
  }
}
