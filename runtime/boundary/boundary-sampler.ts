// Computes a 2-D classifier's decision boundary between batches: one predict of the 64 × 64 grid (inference mode),
// throttled by BoundaryThrottle. The grid tensor lives as long as the sampler; dispose() frees it.
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

  /** Undefined unless the model classifies 2-D inputs. */
  static forRun(prepared: PreparedRun, clock: () => number = () => performance.now()): BoundarySampler | undefined {
    const { dataset, spec } = prepared;
    if (spec.task !== 'classification' || spec.input.length !== 1 || spec.input[0] !== 2 || dataset.train.size === 0) return undefined;
    const trainXs = dataset.train.xs.dataSync() as Float32Array;
    const range = planeRange(trainXs);
    return new BoundarySampler(prepared, range, planeOf(prepared, range, trainXs), clock);
  }

  private readonly grid: tf.Tensor2D;

  private constructor(private readonly prepared: PreparedRun, range: PlaneRange, readonly plane: Plane, clock: () => number) {
    this.grid = tf.tensor2d(gridPoints(range, BOUNDARY_GRID_SIZE), [BOUNDARY_GRID_SIZE * BOUNDARY_GRID_SIZE, 2]);
    this.throttle = new BoundaryThrottle(clock);
  }

  /** A frame when one is due (interval and time budget), else undefined. */
  maybeSample(epoch: number, batch: number): DecisionBoundary | undefined {
    return this.throttle.due() ? this.sample(epoch, batch) : undefined;
  }

  /** The frame of an epoch end (batch 0) when the time budget allows one, whatever the interval. */
  maybeSampleEpochEnd(epoch: number): DecisionBoundary | undefined {
    return this.throttle.due(true) ? this.sample(epoch, 0) : undefined;
  }

  /**
   * Computes a frame now. One eager apply in inference mode (a third cheaper than predict's batching for one batch);
   * synchronous read-back: cpu and wasm have the data at hand.
   */
  sample(epoch: number, batch: number): DecisionBoundary {
    const started = performance.now();
    const outputs = tf.tidy(() => {
      const predicted = this.prepared.built.model.apply(this.grid, { training: false });
      const output = Array.isArray(predicted) ? predicted[0] : predicted;
      return output instanceof tf.Tensor ? output.dataSync() as Float32Array : undefined;
    }) ?? new Float32Array(0);
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

function planeOf(prepared: PreparedRun, range: PlaneRange, trainXs: Float32Array): Plane {
  const { dataset } = prepared;
  const classes = dataset.classNames.length;
  const pick = (xs: Float32Array, oneHot: Float32Array, validation: number) => {
    const n = Math.min(MAX_POINTS, xs.length / 2);
    return { xs: xs.subarray(0, 2 * n), labels: labelsOf(oneHot.subarray(0, n * classes), classes), validation: new Uint8Array(n).fill(validation) };
  };
  const train = pick(trainXs, dataset.train.ys.dataSync() as Float32Array, 0);
  const validation = pick(dataset.validation.xs.dataSync() as Float32Array, dataset.validation.ys.dataSync() as Float32Array, 1);
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
