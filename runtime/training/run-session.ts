// The files of one run while it trains: meta.json updates, metrics.jsonl, batched notifications, checkpoints and
// the final model. Keeps trainer.ts about the order of steps only.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendBoundary } from '../boundary/boundaries-file';
import { BoundarySampler } from '../boundary/boundary-sampler';
import { BOUNDARY_INTERVAL_MS } from '../boundary/boundary-throttle';
import type { DecisionBoundary, MetricRow, TrainProgress } from '../protocol';
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
  /** 2-D input classifiers: the live decision boundary, and the newest frame not sent yet. */
  private boundary: BoundarySampler | undefined;
  private pendingBoundary: DecisionBoundary | undefined;
  /** Why there is no decision boundary although the model has a 2-D input (for the log). */
  private boundaryError: string | undefined;
  private closed = false;
  /** Set while close() flushes: the last pending frame goes whatever the interval. */
  private closing = false;
  private lastBoundarySent = Number.NEGATIVE_INFINITY;
  private boundaryPlaneWritten = false;
  private readonly lastEpoch: number;

  constructor(
    readonly runDir: string,
    meta: RunMeta,
    private readonly prepared: PreparedRun,
    plan: ProgressPlan,
    private readonly clock: Clock,
    private readonly sendMetrics: (rows: MetricRow[], progress: TrainProgress, boundary: DecisionBoundary | undefined) => void,
    /** Checkpoints kept besides the best; and the epochs before a resume (the best may be among them). */
    private readonly retention: { readonly keep: number; readonly previousEpochs: readonly EpochValues[] },
  ) {
    this.meta = meta;
    this.best = new BestEpoch(retention.previousEpochs);
    writeMeta(runDir, meta);
    this.metrics = new MetricsWriter(metricsPath(runDir));
    this.tracker = new ProgressTracker(plan, clock);
    // Reading the points is asynchronous (webgpu); live frames start once it is done.
    void BoundarySampler.create(prepared).then((sampler) => {
      if (this.closed) sampler?.dispose();
      else this.boundary = sampler;
    }, (error: unknown) => { this.boundaryError = error instanceof Error ? error.message : String(error); });
    this.lastEpoch = plan.epochs;
    this.batcher = new MetricsBatcher((rows) => sendMetrics(rows, this.tracker.snapshot(), this.takeBoundary()), clock);
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
    void this.boundary?.maybeSample(epoch, batch).then((frame) => { if (frame) this.pendingBoundary = frame; },
      (error: unknown) => { this.boundaryError = error instanceof Error ? error.message : String(error); });
  }

  /** Why the decision boundary stopped or never started; undefined when all went well (or the model has none). */
  get boundaryProblem(): string | undefined {
    return this.boundaryError;
  }

  /** Share of training time spent on decision boundaries so far (0 without). */
  get boundaryShare(): number {
    return this.boundary?.share ?? 0;
  }

  /**
   * The newest frame, at most one per BOUNDARY_INTERVAL_MS: the panel draws no more often, and sending every
   * epoch-end frame of a tiny model (20 a second on XOR) cost the panel more than its 3% budget. The epoch-end frames
   * not sent are in boundaries.jsonl, which the run's evaluation hands the slider. The last frame always goes.
   */
  private takeBoundary(): DecisionBoundary | undefined {
    const frame = this.pendingBoundary;
    if (!frame || (!this.closing && this.clock() - this.lastBoundarySent < BOUNDARY_INTERVAL_MS)) return undefined;
    this.pendingBoundary = undefined;
    this.lastBoundarySent = this.clock();
    return frame;
  }

  /**
   * The epoch's boundary, appended to boundaries.jsonl (the slider replays them) and sent with the next rows. Within
   * the time budget (tiny epochs would otherwise spend more on frames than allowed); the last epoch always has one.
   */
  private async saveBoundary(epoch: number): Promise<void> {
    if (!this.boundary) return;
    const frame = epoch >= this.lastEpoch ? await this.boundary.sample(epoch, 0) : await this.boundary.maybeSampleEpochEnd(epoch);
    if (!frame) return;
    appendBoundary(this.runDir, frame, !this.boundaryPlaneWritten);
    this.boundaryPlaneWritten = true;
    this.pendingBoundary = frame;
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
    await this.saveBoundary(epoch);
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
    this.closing = true;
    this.batcher.flush();
    // No rows were pending, so the flush sent nothing: the last frame goes on its own.
    if (this.pendingBoundary) this.sendMetrics([], this.tracker.snapshot(), this.takeBoundary());
    this.batcher.dispose();
    this.metrics.close();
    this.closed = true;
    this.boundary?.dispose();
    this.boundary = undefined;
  }
}

export function writeSpecSnapshot(runDir: string, text: string): void {
  writeFileSync(join(runDir, RUN_FILES.spec), text);
}
