// Makes a worker's model replica behave, on its slice of the batch, exactly like the single-worker model on the
// whole batch (up to float summation order):
// - BatchNormalization (training) normalises with the WHOLE batch's mean and variance (synchronised batch norm: the
//   sums go through the all-reduce in the forward pass, and their gradients in the backward pass), so the moving
//   mean/variance are updated from full-batch statistics, identically on every worker;
// - Dropout draws the whole batch's mask from the step's seed (as tf.dropout does) and keeps the slice's rows, so each
//   slice gets its own, deterministic part of the very mask the single-worker run would use.
import * as tf from '@tensorflow/tfjs';
import type { AllReduce } from './all-reduce';

/** Where this worker's rows sit in the step's batch. */
export interface SliceContext {
  offset: number;
  count: number;
  total: number;
}

type CallFn = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];

/** Internals of tfjs's BatchNormalization layer this module reads (public fields in its implementation). */
interface BatchNormFields {
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly gamma: tf.LayerVariable | null;
  readonly beta: tf.LayerVariable | null;
  readonly movingMean: tf.LayerVariable;
  readonly movingVariance: tf.LayerVariable;
}

interface DropoutFields {
  readonly rate: number;
  readonly seed?: number;
}

const single = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] as tf.Tensor : inputs);

/**
 * Sum of `x` over `axes` (keepDims) across all workers; its gradient is the all-reduced upstream gradient broadcast
 * back to `x`'s shape, because every worker's output depends on every worker's input.
 */
function syncedSum(x: tf.Tensor, axes: number[], allReduce: AllReduce, slice: SliceContext): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([input]);
    // An empty slice runs on one placeholder row (see Replica.step) and contributes nothing.
    const local = slice.count === 0 ? tf.zeros(tf.sum(input, axes, true).shape) : tf.sum(input, axes, true);
    const value = tf.tensor(allReduce.sum(local.dataSync() as Float32Array), local.shape);
    local.dispose();
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const summed = tf.tensor(allReduce.sum(dy.dataSync() as Float32Array), dy.shape);
        return tf.mul(summed, tf.onesLike(saved[0] as tf.Tensor));
      },
    };
  });
  return op(x);
}

function syncBatchNorm(layer: tf.layers.Layer, original: CallFn, allReduce: AllReduce, slice: SliceContext): CallFn {
  const fields = layer as unknown as BatchNormFields;
  return (inputs, kwargs) => {
    if (kwargs['training'] !== true) return original(inputs, kwargs);
    return tf.tidy(() => {
      const x = single(inputs);
      const axis = fields.axis >= 0 ? fields.axis : fields.axis + x.rank;
      const axes = [...Array(x.rank).keys()].filter((a) => a !== axis);
      const broadcast = x.shape.map((size, a) => (a === axis ? size : 1));
      const count = slice.total * axes.reduce((product, a) => (a === 0 ? product : product * (x.shape[a] ?? 1)), 1);
      const mean = tf.div(syncedSum(x, axes, allReduce, slice), count);
      const variance = tf.div(syncedSum(tf.square(tf.sub(x, mean)), axes, allReduce, slice), count);
      const reshape = (v: tf.LayerVariable | null): tf.Tensor | undefined => (v ? tf.reshape(v.read(), broadcast) : undefined);
      // tf.batchNorm's gradient breaks for statistics of x's rank, so the same formula is spelled out.
      let normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, fields.epsilon)));
      const gamma = reshape(fields.gamma);
      const beta = reshape(fields.beta);
      if (gamma) normed = tf.mul(normed, gamma);
      if (beta) normed = tf.add(normed, beta);
      // The same update as tfjs's doMovingAverage, fed with the whole batch's statistics.
      const decay = 1 - fields.momentum;
      for (const [variable, value] of [[fields.movingMean, mean], [fields.movingVariance, variance]] as const) {
        const old = variable.read();
        variable.write(tf.sub(old, tf.mul(tf.sub(old, tf.reshape(value, old.shape)), decay)));
      }
      return normed;
    });
  };
}

function slicedDropout(layer: tf.layers.Layer, original: CallFn, slice: SliceContext): CallFn {
  const fields = layer as unknown as DropoutFields;
  return (inputs, kwargs) => {
    if (kwargs['training'] !== true || !(fields.rate > 0 && fields.rate < 1)) return original(inputs, kwargs);
    return tf.tidy(() => {
      const x = single(inputs);
      // tf.dropout: multiplier = floor(uniform + keep) / keep, with the uniform drawn over the whole batch's shape.
      const keep = 1 - fields.rate;
      const uniform = tf.randomUniform([slice.total, ...x.shape.slice(1)], 0, 1, 'float32', fields.seed);
      const rows = tf.slice(uniform, Math.min(slice.offset, slice.total - 1), Math.max(1, slice.count));
      return tf.mul(x, tf.div(tf.floor(tf.add(rows, keep)), keep));
    });
  };
}

/** Replaces `call` on the replica's BatchNormalization and Dropout layers; returns how many were patched. */
export function patchReplicaLayers(model: tf.LayersModel, allReduce: AllReduce, slice: SliceContext): number {
  let patched = 0;
  for (const layer of model.layers) {
    const className = layer.getClassName();
    const original: CallFn = layer.call.bind(layer); // bound before `call` is replaced below
    if (className === 'BatchNormalization') Object.assign(layer, { call: syncBatchNorm(layer, original, allReduce, slice) });
    else if (className === 'Dropout') Object.assign(layer, { call: slicedDropout(layer, original, slice) });
    else continue;
    patched++;
  }
  return patched;
}
