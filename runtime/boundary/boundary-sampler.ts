// Computes a 2-D classifier's decision boundary between batches: one apply of the 64 × 64 grid in inference mode,
// throttled by BoundaryThrottle. Reads are asynchronous (webgpu cannot read synchronously in Node): the op is queued
// with the current weights, so later training steps do not change the frame. The grid tensor lives as long as the
// sampler; dispose() frees it.
import * as tf from '@tensorflow/tfjs';
import type { DecisionBoundary } from '../protocol';
import type { PreparedRun } from '../training/prepare';
import { labelsOf } from '../evaluation/evaluate-classification';
import { BOUNDARY_GRID_SIZE, encodePredictions, gridPoints, planeRange, type PlaneRange } from './boundary-grid';
import { BoundaryThrottle } from './boundary-throttle';

/** Points drawn on the plane, per split. */
const MAX_POINTS = 300;

type Plane = Omit<DecisionBoundary, 'epoch' | 'batch' | 'classes' | 'confidence'>;

export class BoundarySampler {
  private readonly throttle: BoundaryThrottle;
  private readonly grid: tf.Tensor2D;
  /** A live frame is being read: no second one meanwhile. */
  private reading = false;

  /** Undefined unless the model classifies 2-D inputs. */
  static async create(prepared: PreparedRun, clock: () => number = () => performance.now()): Promise<BoundarySampler | undefined> {
    const { dataset, spec } = prepared;
    if (spec.task !== 'classification' || spec.input.length !== 1 || spec.input[0] !== 2 || dataset.train.size === 0) return undefined;
    const [trainXs, trainYs, validationXs, validationYs] = await Promise.all(
      [dataset.train.xs, dataset.train.ys, dataset.validation.xs, dataset.validation.ys].map(async (t) => (await t.data()) as Float32Array));
    const range = planeRange(trainXs ?? new Float32Array(0));
    const plane = planeOf(prepared, range, { trainXs, trainYs, validationXs, validationYs });
    return new BoundarySampler(prepared, range, plane, clock);
  }

  private constructor(private readonly prepared: PreparedRun, range: PlaneRange, readonly plane: Plane, clock: () => number) {
    this.grid = tf.tensor2d(gridPoints(range, BOUNDARY_GRID_SIZE), [BOUNDARY_GRID_SIZE * BOUNDARY_GRID_SIZE, 2]);
    this.throttle = new BoundaryThrottle(clock);
  }

  /** A frame when one is due (interval and time budget) and none is being read, else undefined. */
  async maybeSample(epoch: number, batch: number): Promise<DecisionBoundary | undefined> {
    if (this.reading || !this.throttle.due()) return undefined;
    this.reading = true;
    try {
      return await this.sample(epoch, batch);
    } finally {
      this.reading = false;
    }
  }

  /** The frame of an epoch end (batch 0) when the time budget allows one, whatever the interval. */
  async maybeSampleEpochEnd(epoch: number): Promise<DecisionBoundary | undefined> {
    return this.throttle.due(true) ? this.sample(epoch, 0) : undefined;
  }

  /** Computes a frame now: one eager apply in inference mode (a third cheaper than predict's batching for one batch). */
  async sample(epoch: number, batch: number): Promise<DecisionBoundary> {
    const started = performance.now();
    const output = tf.tidy(() => {
      const predicted = this.prepared.built.model.apply(this.grid, { training: false });
      const first = Array.isArray(predicted) ? predicted[0] : predicted;
      if (!(first instanceof tf.Tensor)) throw new Error('the model gave no output for the decision boundary');
      return first;
    });
    let outputs: Float32Array;
    try {
      outputs = (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
    const units = outputs.length / this.grid.shape[0];
    const frame = { ...this.plane, epoch, batch, ...encodePredictions(outputs, units) };
    this.throttle.record(performance.now() - started);
    return frame;
  }

  /** Share of elapsed time spent computing frames. */
  get share(): number {
    return this.throttle.share;
  }

  dispose(): void {
    this.grid.dispose();
  }
}

interface SplitData {
  readonly trainXs?: Float32Array;
  readonly trainYs?: Float32Array;
  readonly validationXs?: Float32Array;
  readonly validationYs?: Float32Array;
}

function planeOf(prepared: PreparedRun, range: PlaneRange, data: SplitData): Plane {
  const { dataset } = prepared;
  const classes = dataset.classNames.length;
  const empty = new Float32Array(0);
  const pick = (xs: Float32Array, oneHot: Float32Array, validation: number) => {
    const n = Math.min(MAX_POINTS, xs.length / 2);
    return { xs: xs.subarray(0, 2 * n), labels: labelsOf(oneHot.subarray(0, n * classes), classes), validation: new Uint8Array(n).fill(validation) };
  };
  const train = pick(data.trainXs ?? empty, data.trainYs ?? empty, 0);
  const validation = pick(data.validationXs ?? empty, data.validationYs ?? empty, 1);
  const names = dataset.featureScaling?.names;
  return {
    size: BOUNDARY_GRID_SIZE, ...range, classNames: dataset.classNames,
    featureNames: [names?.[0] ?? 'x₁', names?.[1] ?? 'x₂'],
    points: {
      xs: Float32Array.from([...train.xs, ...validation.xs]),
      labels: Uint8Array.from([...train.labels, ...validation.labels]),
      validation: Uint8Array.from([...train.validation, ...validation.validation]),
    },
  };
}
