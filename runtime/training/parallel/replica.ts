// A worker's replica of the model: computes the gradients of its slice of the batch, sums them (already scaled by
// the slice's share of the batch) with the other workers through the all-reduce, and applies the summed gradients
// with its own optimizer. Every worker applies the same sums in the same order, so replicas stay bit-identical.
import * as tf from '@tensorflow/tfjs';
import { reseedDropout } from '../epoch-loop';
import type { BuiltModel } from '../build-model';
import type { AllReduce } from './all-reduce';
import type { WeightValues, WorkerStep } from './messages';
import { patchReplicaLayers, type SliceContext } from './replica-layers';

export function toWeightValues(named: readonly { name: string; tensor: tf.Tensor }[]): WeightValues[] {
  return named.map(({ name, tensor }) => ({ name, shape: [...tensor.shape], values: Float32Array.from(tensor.dataSync()) }));
}

/** optimizer.getWeights() as values; the fresh `iter` scalar it creates is freed (the state variables stay). */
export async function optimizerWeightValues(optimizer: tf.Optimizer): Promise<WeightValues[]> {
  const named = await optimizer.getWeights();
  try {
    return toWeightValues(named);
  } finally {
    tf.dispose(named.filter(({ tensor }) => !(tensor instanceof tf.Variable)).map(({ tensor }) => tensor));
  }
}

export class Replica {
  private readonly slice: SliceContext = { offset: 0, count: 0, total: 0 };

  constructor(
    private readonly built: BuiltModel,
    private readonly optimizer: tf.Optimizer,
    private readonly allReduce: AllReduce,
    private readonly seed: number,
    /** Blocks until the trainer's verdict on a step: true to apply it, false to discard it (step-gate.ts). */
    private readonly verdict: (step: number) => boolean,
  ) {
    patchReplicaLayers(built.model, allReduce, this.slice);
  }

  /**
   * Trains on the step's slice; returns the whole batch's loss and metrics (same on every rank), or undefined when the
   * trainer discarded the step: then the weights and the optimizer state are left as they were.
   */
  step(message: WorkerStep): number[] | undefined {
    const { model } = this.built;
    Object.assign(this.slice, { offset: message.offset, count: message.count, total: message.total });
    reseedDropout(this.built.dropoutLayers, this.seed, message.step);
    const share = message.count / message.total;
    const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    // A worker without rows (a batch smaller than the worker count) must still make every all-reduce call of the
    // step, so it trains on one row of zeros with weight 0.
    const empty = message.count === 0;
    const x = empty ? tf.zeros([1, ...message.xShape.slice(1)]) : tf.tensor(message.x, [...message.xShape]);
    const y = empty ? tf.zeros([1, ...message.yShape.slice(1)]) : tf.tensor(message.y, [...message.yShape]);
    const metrics: tf.Scalar[] = [];
    try {
      const { value, grads } = this.optimizer.computeGradients(() => {
        // The loss trainOnBatch minimises: mean loss, plus regularisation penalties; scaled by this slice's share.
        const prediction = model.apply(x, { training: true }) as tf.Tensor;
        const lossFn = model.lossFunctions[0];
        if (!lossFn) throw new Error('the model is not compiled');
        let total = tf.mean<tf.Scalar>(lossFn(y, prediction));
        for (const [metric] of model.metricsTensors) metrics.push(tf.keep(tf.mean<tf.Scalar>(metric(y, prediction))));
        for (const penalty of model.calculateLosses()) total = tf.add(total, penalty);
        return tf.mul(total, share);
      }, variables);
      const names = variables.map((v) => v.name).filter((name) => grads[name] !== undefined);
      const parts = [...names.map((name) => (grads[name] as tf.Tensor).dataSync() as Float32Array),
        Float32Array.of(value.dataSync()[0] ?? Number.NaN, ...metrics.map((m) => (m.dataSync()[0] ?? Number.NaN) * share))];
      const summed = this.allReduce.sum(concat(parts));
      tf.dispose([value, ...Object.values(grads)]);
      if (!this.verdict(message.step)) return undefined;
      let at = 0;
      const named: tf.NamedTensorMap = {};
      for (const name of names) {
        const shape = (grads[name] as tf.Tensor).shape;
        const size = shape.reduce((a, b) => a * b, 1);
        named[name] = tf.tensor(summed.subarray(at, at + size), shape);
        at += size;
      }
      this.optimizer.applyGradients(named);
      tf.dispose(Object.values(named));
      return Array.from(summed.subarray(at));
    } finally {
      tf.dispose([x, y, ...metrics]);
    }
  }

  weights(): WeightValues[] {
    return toWeightValues(this.built.model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })));
  }

  /**
   * The optimizer's state, named after the main model's variables (`mainNames`, same order as this replica's); empty
   * for optimizers whose state tfjs cannot export (adamax: its checkpoints restart the state too).
   */
  async optimizerWeights(mainNames: readonly string[]): Promise<WeightValues[]> {
    let values: WeightValues[];
    try {
      values = await optimizerWeightValues(this.optimizer);
    } catch {
      return [];
    }
    const own = this.built.model.trainableWeights.map((w) => (w.read() as tf.Variable).name);
    const rename = (name: string): string => {
      const index = own.findIndex((prefix) => name.startsWith(`${prefix}/`));
      const main = mainNames[index];
      return index < 0 || main === undefined ? name : `${main}${name.slice((own[index] ?? '').length)}`;
    };
    return values.map((w) => ({ ...w, name: rename(w.name) }));
  }

  /** Loads the main model's weights and optimizer state (same order as model.getWeights / optimizer.getWeights). */
  async load(weights: readonly WeightValues[], optimizerWeights: readonly WeightValues[]): Promise<void> {
    const tensors = weights.map((w) => tf.tensor(w.values, [...w.shape]));
    this.built.model.setWeights(tensors);
    tf.dispose(tensors);
    if (optimizerWeights.length > 0) {
      const tensors = optimizerWeights.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, [...w.shape]) }));
      await this.optimizer.setWeights(tensors);
      tf.dispose(tensors.map((t) => t.tensor));
    }
  }
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Floats one step's all-reduce carries: every trainable weight, the loss and each metric. */
export function stepFloats(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.read().size, 0) + 1 + model.metricsTensors.length;
}
