import type { DecisionBoundary, MetricRow, RunStatus, TrainProgress } from '../../runtime/protocol';

/** What the training service tells panels and the status bar about a run, in the order it happens. */
export type RunEvent =
  | { readonly type: 'started'; readonly runId: string; readonly runDir: string; readonly modelFile: string;
      readonly backend: string; readonly device: string; readonly reasons: readonly string[] }
  | { readonly type: 'metrics'; readonly runId: string; readonly modelFile: string; readonly rows: readonly MetricRow[];
      readonly progress: TrainProgress; readonly boundary?: DecisionBoundary }
  | { readonly type: 'ended'; readonly runId: string; readonly runDir: string; readonly modelFile: string;
      readonly status: RunStatus; readonly message?: string; readonly final: Readonly<Record<string, number>> };
