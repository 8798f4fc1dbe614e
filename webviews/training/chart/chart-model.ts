import type { DrawableSeries } from './drawn-data';
import { SeriesStore } from './series-store';
import { createSmoother, type IncrementalSmoother, type SmoothingSpec } from './smoothing';

/** A logical series of the chart, e.g. the training loss of one run. */
export interface ChartSeriesSpec {
  /** Unique key used by appendPoints, e.g. "run-3/train". */
  key: string;
  /** Legend text (rendered as text, never as HTML). */
  label: string;
  /** Palette slot; give the train and val series of one run the same slot. Default: order added. */
  colourIndex?: number;
  /** Canvas line dash, e.g. [6, 3] for validation; overrides the palette's dash. */
  lineDash?: number[];
  /** Draw a marker on every point (validation: one point per epoch, which a line alone hides). */
  markers?: boolean;
}

/** What the chart draws for one logical series: the raw points and, when smoothing, the smooth line. */
export interface SeriesLayers {
  spec: ChartSeriesSpec;
  colourIndex: number;
  raw: DrawableSeries;
  smoothed: DrawableSeries | undefined;
}

interface ModelSeries {
  spec: ChartSeriesSpec;
  colourIndex: number;
  store: SeriesStore;
  smoother: IncrementalSmoother | undefined;
}

/** All data of one chart, DOM-free: stores every point and keeps the smoothed values up to date. */
export class ChartModel {
  private readonly entries = new Map<string, ModelSeries>();
  private smoothingSpec: SmoothingSpec;
  private addedCount = 0;

  constructor(smoothing: SmoothingSpec) {
    this.smoothingSpec = smoothing;
  }

  get smoothing(): SmoothingSpec {
    return this.smoothingSpec;
  }

  /** Adds a series; throws if the key exists. */
  addSeries(spec: ChartSeriesSpec): void {
    if (this.entries.has(spec.key)) throw new Error(`series "${spec.key}" already exists`);
    this.entries.set(spec.key, {
      spec,
      colourIndex: spec.colourIndex ?? this.addedCount,
      store: new SeriesStore(),
      smoother: createSmoother(this.smoothingSpec),
    });
    this.addedCount++;
  }

  removeSeries(key: string): boolean {
    return this.entries.delete(key);
  }

  hasSeries(key: string): boolean {
    return this.entries.has(key);
  }

  /** Appends points to a series (x finite and non-decreasing); throws for an unknown key. */
  append(key: string, xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`unknown series "${key}"`);
    entry.store.append(xs, ys);
    entry.smoother?.append(ys);
  }

  /** Replaces the smoothing and recomputes it for every series (O(total points)). */
  setSmoothing(spec: SmoothingSpec): void {
    this.smoothingSpec = spec;
    for (const entry of this.entries.values()) {
      entry.smoother = createSmoother(spec);
      entry.smoother?.append(entry.store.ys);
    }
  }

  /** Smallest and largest x over all series, or undefined when there are no points. */
  xExtent(): { min: number; max: number } | undefined {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const { store } of this.entries.values()) {
      min = Math.min(min, store.firstX() ?? min);
      max = Math.max(max, store.lastX() ?? max);
    }
    return min <= max ? { min, max } : undefined;
  }

  totalPoints(): number {
    let total = 0;
    for (const { store } of this.entries.values()) total += store.length;
    return total;
  }

  layers(): SeriesLayers[] {
    return [...this.entries.values()].map((entry) => {
      const xs = entry.store.xs;
      return {
        spec: entry.spec,
        colourIndex: entry.colourIndex,
        raw: { xs, ys: entry.store.ys },
        smoothed: entry.smoother ? { xs, ys: entry.smoother.values() } : undefined,
      };
    });
  }
}
