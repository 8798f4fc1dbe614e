// Every point the panel received, per run and row kind, as growable columns: the charts are rebuilt from here when
// the x axis or a legend changes, and the test hook counts from here. DOM-free.
import { GrowableFloat64Array } from '../chart/growable-array';
import type { ColumnBlock, PanelRunState, RunPoints } from '../protocol';

/** Rows of one kind of one run. Every value column has `length` entries (NaN where a row lacked the metric). */
export class ColumnStore {
  readonly step = new GrowableFloat64Array(256);
  readonly epoch = new GrowableFloat64Array(256);
  private readonly columns = new Map<string, GrowableFloat64Array>();

  get length(): number {
    return this.step.length;
  }

  names(): string[] {
    return [...this.columns.keys()];
  }

  /** The values of a metric (a view, stale after the next append), or undefined when no row had it. */
  values(name: string): Float64Array | undefined {
    return this.columns.get(name)?.view();
  }

  append(block: ColumnBlock): void {
    const before = this.length;
    const added = block.step.length;
    if (added === 0) return;
    this.step.append(block.step);
    this.epoch.append(block.epoch);
    for (const [name, values] of Object.entries(block.values)) {
      let column = this.columns.get(name);
      if (!column) {
        column = new GrowableFloat64Array(Math.max(256, before + added));
        column.append(new Float64Array(before).fill(Number.NaN));
        this.columns.set(name, column);
      }
      column.append(values);
    }
    for (const [name, column] of this.columns) {
      if (!(name in block.values)) column.append(new Float64Array(added).fill(Number.NaN));
    }
  }
}

export class RunData {
  readonly batch = new ColumnStore();
  readonly epoch = new ColumnStore();

  /** `loss` of the last batch row, if any. */
  lastLoss(): number | undefined {
    const losses = this.batch.values('loss');
    return losses && losses.length > 0 ? losses[losses.length - 1] : undefined;
  }
}

export class RunStore {
  private readonly runs = new Map<string, RunData>();

  /** Applies one run's new points (after dropping what it held when `reset`); returns the run's data. */
  apply(points: RunPoints): RunData {
    let run = this.runs.get(points.runId);
    if (!run || points.reset) {
      run = new RunData();
      this.runs.set(points.runId, run);
    }
    run.batch.append(points.batch);
    run.epoch.append(points.epoch);
    return run;
  }

  get(runId: string): RunData | undefined {
    return this.runs.get(runId);
  }

  remove(runId: string): void {
    this.runs.delete(runId);
  }

  runIds(): string[] {
    return [...this.runs.keys()];
  }

  state(): PanelRunState[] {
    return [...this.runs].map(([runId, run]) => {
      const lastLoss = run.lastLoss();
      return { runId, batchPoints: run.batch.length, epochPoints: run.epoch.length, ...(lastLoss !== undefined ? { lastLoss } : {}) };
    });
  }
}
