// Throughput and time left of a run, for TrainProgress.
import type { TrainProgress } from '../protocol';
import type { Clock } from './metrics-batcher';

export interface ProgressPlan {
  readonly runId: string;
  /** Total epochs of the run (including epochs done before a resume). */
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly trainSize: number;
  readonly batchSize: number;
}

export class ProgressTracker {
  private readonly startedAt: number;
  private samplesSeen = 0;
  private epoch = 0;
  private batch = 0;
  private loss: number | undefined;

  constructor(private readonly plan: ProgressPlan, private readonly clock: Clock) {
    this.startedAt = clock();
  }

  /** Records a finished batch of `samples` examples. */
  batchDone(epoch: number, batch: number, samples: number, loss: number): void {
    this.epoch = epoch;
    this.batch = batch;
    this.samplesSeen += samples;
    this.loss = loss;
  }

  snapshot(): TrainProgress {
    const { runId, epochs, batchesPerEpoch, trainSize } = this.plan;
    const seconds = (this.clock() - this.startedAt) / 1000;
    const samplesPerSecond = seconds > 0 ? this.samplesSeen / seconds : 0;
    const samplesLeft = Math.max(0, (epochs - this.epoch) * trainSize + this.samplesLeftInEpoch());
    return {
      runId, epoch: this.epoch, epochs, batch: this.batch, batchesPerEpoch, samplesPerSecond,
      ...(this.samplesSeen > 0 && samplesPerSecond > 0 ? { etaSeconds: samplesLeft / samplesPerSecond } : {}),
      ...(this.loss !== undefined ? { loss: this.loss } : {}),
    };
  }

  private samplesLeftInEpoch(): number {
    const { batchesPerEpoch, trainSize, batchSize } = this.plan;
    if (this.epoch === 0) return 0;
    return this.batch >= batchesPerEpoch ? 0 : trainSize - this.batch * batchSize;
  }
}
