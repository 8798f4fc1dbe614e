// The files of one run while it trains: meta.json updates, metrics.jsonl, batched notifications, checkpoints and
// the final model. Keeps trainer.ts about the order of steps only.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricRow, TrainProgress } from '../protocol';
import { MetricsWriter, metricsPath, pruneCheckpoints, RUN_FILES, writeMeta, type RunMeta } from '../runs';
import { BestEpoch, type EpochValues } from './best-epoch';
import { writeCheckpoint } from './checkpoint';
import { MetricsBatcher, type Clock } from './metrics-batcher';
import { saveModelFiles } from './model-files';
import type { PreparedRun } from './prepare';
import { ProgressTracker, type ProgressPlan } from './progress';

export class RunSession {
  private meta: RunMeta;
  private readonly metrics: MetricsWriter;
  private readonly batcher: MetricsBatcher<MetricRow>;
  private readonly tracker: ProgressTracker;
  private readonly best: BestEpoch;

  constructor(
    readonly runDir: string,
    meta: RunMeta,
    private readonly prepared: PreparedRun,
    plan: ProgressPlan,
    clock: Clock,
    sendMetrics: (rows: MetricRow[], progress: TrainProgress) => void,
    /** Checkpoints kept besides the best; and the epochs before a resume (the best may be among them). */
    private readonly retention: { readonly keep: number; readonly previousEpochs: readonly EpochValues[] },
  ) {
    this.meta = meta;
    this.best = new BestEpoch(retention.previousEpochs);
    writeMeta(runDir, meta);
    this.metrics = new MetricsWriter(metricsPath(runDir));
    this.tracker = new ProgressTracker(plan, clock);
    this.batcher = new MetricsBatcher((rows) => sendMetrics(rows, this.tracker.snapshot()), clock);
  }

  get currentMeta(): RunMeta {
    return this.meta;
  }

  /** Appends the row to metrics.jsonl (one write) and queues it for the parent. */
  row(row: MetricRow): void {
    this.metrics.append(row);
    this.batcher.push(row);
  }

  batchDone(epoch: number, batch: number, samples: number, loss: number): void {
    this.tracker.batchDone(epoch, batch, samples, loss);
  }

  /**
   * Flushes metrics to disk, writes the epoch's checkpoint, deletes those beyond the last K and the best, and
   * updates meta.json (with every epoch pruned so far).
   */
  async epochDone(epoch: number, step: number, values: Readonly<Record<string, number>>, seed: number, now: Date): Promise<void> {
    this.metrics.sync();
    await writeCheckpoint(this.runDir, this.prepared.built.model, this.prepared.optimizer, {
      epoch, step, prng: { seed, nextEpoch: epoch + 1, nextStep: step + 1 }, values, savedAt: now.toISOString(),
    });
    this.best.offer({ epoch, values });
    const { pruned } = pruneCheckpoints(this.runDir, this.retention.keep, this.best.epoch);
    const prunedCheckpoints = [...(this.meta.prunedCheckpoints ?? []), ...pruned];
    this.update({ epochsDone: epoch, final: values, ...(prunedCheckpoints.length > 0 ? { prunedCheckpoints } : {}) });
  }

  update(changes: Partial<RunMeta>): void {
    this.meta = { ...this.meta, ...changes };
    writeMeta(this.runDir, this.meta);
  }

  /** Writes `model/` (to a temporary folder first, then renamed into place; removed again when a write fails). */
  async saveFinalModel(): Promise<void> {
    const dir = join(this.runDir, RUN_FILES.model);
    const temp = `${dir}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    try {
      await saveModelFiles(this.prepared.built.model, temp);
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      renameSync(temp, dir);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /** Sends pending rows and closes metrics.jsonl. */
  close(): void {
    this.batcher.flush();
    this.batcher.dispose();
    this.metrics.close();
  }
}

export function writeSpecSnapshot(runDir: string, text: string): void {
  writeFileSync(join(runDir, RUN_FILES.spec), text);
}
