// One TrainingChart per metric (loss first), each with the train and validation series of every shown run. Train
// series come from batch rows (every step), validation series from the `val_*` columns of epoch rows.
import { TrainingChart } from '../chart/chart';
import type { ColumnBlock, RunPoints, ViewSettings } from '../protocol';
import { button } from '../../shared/toolkit';
import type { RunData, RunStore } from './run-store';
import { smoothingSpec } from './settings';

/**
 * Legend text and colour slot of a run. Its train series takes palette colour 2·slot and its validation series
 * 2·slot + 1, so the two always differ in colour (and validation is dashed, with a marker on each epoch).
 */
export interface RunLegend {
  readonly label: string;
  readonly colourIndex: number;
}

type Role = 'train' | 'val';
type Kind = 'batch' | 'epoch';

interface ChartEntry {
  readonly name: string;
  readonly section: HTMLElement;
  readonly chart: TrainingChart;
  /** Keys of the series this chart has. */
  readonly series: Set<string>;
}

/** Low enough that the header, the runs list and a row of charts fit a default-sized panel without scrolling. */
const CHART_HEIGHT = 200;
/** From this panel width on, charts sit side by side (loss and accuracy both visible). */
const TWO_COLUMNS_FROM_PX = 480;
const GAP_PX = 12;
const VALIDATION_DASH = [6, 3];

/** Which chart and role a column feeds, or undefined when it is not drawn (epoch means of a metric drawn per batch). */
export function seriesTarget(kind: Kind, column: string, run: RunData): { metric: string; role: Role } | undefined {
  if (column.startsWith('val_')) return { metric: column.slice(4), role: 'val' };
  if (kind === 'batch') return { metric: column, role: 'train' };
  return run.batch.values(column) === undefined ? { metric: column, role: 'train' } : undefined;
}

export class ChartGrid {
  private readonly charts = new Map<string, ChartEntry>();
  private width: number;

  constructor(private readonly container: HTMLElement, private settings: ViewSettings,
    private readonly legendOf: (runId: string) => RunLegend, private readonly onSavePng: (metric: string, dataUrl: string) => void) {
    this.width = container.clientWidth;
    new ResizeObserver(() => this.resize()).observe(container);
  }

  /** Draws a run's new points (already applied to `run`); after a reset, its old series are dropped first. */
  addPoints(points: RunPoints, run: RunData): void {
    if (points.reset) this.removeRun(points.runId);
    this.appendBlock(points.runId, 'batch', points.batch, run);
    this.appendBlock(points.runId, 'epoch', points.epoch, run);
  }

  removeRun(runId: string): void {
    for (const entry of this.charts.values()) {
      for (const role of ['train', 'val'] as const) {
        const key = seriesKey(runId, role);
        if (entry.series.delete(key)) entry.chart.removeSeries(key);
      }
    }
  }

  /** Draws everything again from the store: the x axis or a legend changed. */
  rebuild(store: RunStore, runIds: readonly string[]): void {
    this.destroyCharts();
    for (const runId of runIds) {
      const run = store.get(runId);
      if (!run) continue;
      for (const kind of ['batch', 'epoch'] as const) {
        const columns = run[kind];
        const values: Record<string, Float64Array> = {};
        for (const name of columns.names()) values[name] = columns.values(name) ?? new Float64Array(0);
        this.appendBlock(runId, kind, { step: columns.step.view(), epoch: columns.epoch.view(), values }, run);
      }
    }
  }

  setSettings(settings: ViewSettings, store: RunStore, runIds: readonly string[]): void {
    const previous = this.settings;
    this.settings = settings;
    // The chart's x axis is fixed when it is built.
    if (previous.xAxis !== settings.xAxis) {
      this.rebuild(store, runIds);
      return;
    }
    for (const { chart } of this.charts.values()) {
      chart.setYScale(settings.yScale);
      chart.setSmoothing(smoothingSpec(settings));
    }
  }

  /** Re-reads the theme colours (VS Code switched theme). */
  setTheme(): void {
    for (const { chart } of this.charts.values()) chart.setTheme();
  }

  metricNames(): string[] {
    return [...this.charts.keys()];
  }

  private appendBlock(runId: string, kind: Kind, block: ColumnBlock, run: RunData): void {
    if (block.step.length === 0) return;
    const xs = this.settings.xAxis === 'step' ? block.step : block.epoch;
    for (const [column, ys] of Object.entries(block.values)) {
      const target = seriesTarget(kind, column, run);
      if (!target) continue;
      const entry = this.chartFor(target.metric);
      const key = seriesKey(runId, target.role);
      if (!entry.series.has(key)) {
        const legend = this.legendOf(runId);
        const validation = target.role === 'val';
        entry.chart.addSeries({
          key, label: `${legend.label} · ${validation ? 'validation' : 'train'}`,
          colourIndex: 2 * legend.colourIndex + (validation ? 1 : 0),
          ...(validation ? { lineDash: VALIDATION_DASH, markers: true } : {}),
        });
      }
      entry.chart.appendPoints(key, xs, ys);
      entry.series.add(key);
    }
  }

  private chartFor(metric: string): ChartEntry {
    const existing = this.charts.get(metric);
    if (existing) return existing;
    const section = document.createElement('section');
    section.className = 'chart';
    section.dataset.chart = metric;
    section.dataset.pointCount = '0';
    section.setAttribute('aria-label', `${metric} chart`);
    const body = document.createElement('div');
    section.append(body);
    // Attach before building the chart: it reads the theme's colours from its computed style.
    const order = [...this.charts.keys(), metric].sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
    const next = order[order.indexOf(metric) + 1];
    this.container.insertBefore(section, next === undefined ? null : this.charts.get(next)?.section ?? null);
    const chart = new TrainingChart(body, {
      title: metric, xAxis: this.settings.xAxis, yScale: this.settings.yScale, smoothing: smoothingSpec(this.settings),
      width: this.chartSize(), height: CHART_HEIGHT,
      // Points held (every point received, not only those drawn), for tests and the UI test's screenshot; written
      // when the chart draws, not on every message (each attribute write would cost the page a frame).
      onFrame: (frame) => {
        section.dataset.drawnPointCount = String(frame.drawnPoints);
        section.dataset.pointCount = String(frame.totalPoints);
      },
    });
    const save = button('Save PNG', () => { void chart.toPNG().then((url) => this.onSavePng(metric, url)); },
      { secondary: true, title: `Save the ${metric} chart as a PNG file` });
    save.setAttribute('aria-label', `Save the ${metric} chart as PNG`);
    section.prepend(save);
    // The section is as wide as its plot, so a long legend wraps instead of pushing the next chart to a new row.
    section.style.width = `${this.chartSize()}px`;
    const entry: ChartEntry = { name: metric, section, chart, series: new Set() };
    this.charts.set(metric, entry);
    return entry;
  }

  private chartSize(): number {
    const width = Math.max(280, this.width || this.container.clientWidth || 600);
    const columns = width >= TWO_COLUMNS_FROM_PX ? 2 : 1;
    return Math.floor((width - GAP_PX * (columns - 1)) / columns);
  }

  private resize(): void {
    const width = this.container.clientWidth;
    if (width === this.width || width === 0) return;
    this.width = width;
    const size = this.chartSize();
    for (const { chart, section } of this.charts.values()) {
      chart.resize(size, CHART_HEIGHT);
      section.style.width = `${size}px`;
    }
  }

  private destroyCharts(): void {
    for (const entry of this.charts.values()) {
      entry.chart.destroy();
      entry.section.remove();
    }
    this.charts.clear();
  }
}

function seriesKey(runId: string, role: Role): string {
  return `${runId}/${role}`;
}
