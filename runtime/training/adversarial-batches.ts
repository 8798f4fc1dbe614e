// Adversarial training (train.adversarial): before each step, the first `ratio` share of the batch (already in
// seeded random order) is replaced by adversarial examples crafted on the current weights, in inference mode, with
// the model's own loss (ART's AdversarialTrainer; Madry et al. with pgd, which starts at a seeded random point of the
// ε-ball). The accuracy on the crafted examples, before the step, is reported as `adversarial_accuracy`.
import * as tf from '@tensorflow/tfjs';
import { craftAdversarial, labelsOfOutput, validRangeOf, type AttackedModel, type ValidRange } from '../analysis/attacks';
import { LayerGraph } from '../analysis/layer-graph';
import { derivedSeed } from '../data/random';
import type { AdversarialTrainingSpec } from '../language';
import type { PreparedRun } from './prepare';

export const ADVERSARIAL_ACCURACY = 'adversarial_accuracy';

export interface AdversarialBatch {
  /** The batch with its first `count` examples replaced (a new tensor the caller owns). */
  readonly xs: tf.Tensor;
  readonly count: number;
  /** Accuracy of the current weights on the crafted examples (NaN when none was crafted). */
  readonly accuracy: number;
}

export class AdversarialBatches {
  private readonly model: AttackedModel;

  private constructor(
    private readonly prepared: PreparedRun, private readonly spec: AdversarialTrainingSpec, private readonly seed: number,
    private readonly range: ValidRange,
  ) {
    this.model = { graph: new LayerGraph(prepared.spec, prepared.built), loss: prepared.spec.train.loss };
  }

  static async create(prepared: PreparedRun, spec: AdversarialTrainingSpec, seed: number): Promise<AdversarialBatches> {
    return new AdversarialBatches(prepared, spec, seed, await validRangeOf(prepared.dataset));
  }

  /** `ys` are the batch's training targets (as trainOnBatch takes them); `step` is the 1-based global step. */
  async replace(xs: tf.Tensor, ys: tf.Tensor, step: number): Promise<AdversarialBatch> {
    const size = xs.shape[0] ?? 0;
    // At least one example whenever ratio > 0, so every batch reports adversarial_accuracy and epoch means stay whole.
    const count = this.spec.ratio > 0 ? Math.min(size, Math.max(1, Math.round(this.spec.ratio * size))) : 0;
    if (count === 0) return { xs: tf.clone(xs), count, accuracy: Number.NaN };
    this.model.graph.weightsChanged(); // the graph's logits twin must copy the weights of this step
    const crafted = tf.tidy(() => {
      const clean = tf.slice(xs, 0, count);
      const targets = this.lossTargets(tf.slice(ys, 0, count));
      const adversarial = craftAdversarial({
        model: this.model, x: clean, targets, targeted: false, range: this.range,
        params: {
          kind: this.spec.attack, epsilon: this.spec.epsilon, randomStart: this.spec.attack === 'pgd', seed: derivedSeed(this.seed, `adversarial@${step}`),
          ...(this.spec.steps !== undefined ? { steps: this.spec.steps } : {}),
          ...(this.spec.stepSize !== undefined ? { stepSize: this.spec.stepSize } : {}),
        },
      });
      const predicted = labelsOfOutput(this.model.graph.run(adversarial).output);
      const truth = labelsOfOutput(targets);
      const accuracy = tf.mean(tf.equal(predicted, truth).toFloat());
      const rest = tf.slice(xs, count, size - count);
      return { xs: tf.concat([adversarial, rest], 0), accuracy };
    });
    try {
      const [accuracy = Number.NaN] = await crafted.accuracy.data(); // async: webgpu in Node has no dataSync
      return { xs: crafted.xs, count, accuracy };
    } finally {
      crafted.accuracy.dispose();
    }
  }

  dispose(): void {
    this.model.graph.dispose();
  }

  /** The attack's targets: one-hot, or `[n, 1]` for a one-unit sigmoid head; sparse class indices become one-hot. */
  private lossTargets(ys: tf.Tensor): tf.Tensor {
    if (this.prepared.spec.train.loss !== 'sparseCategoricalCrossentropy') return ys;
    const units = this.prepared.built.model.outputs[0]?.shape[1] ?? 0;
    return tf.oneHot(ys.reshape([-1]).toInt(), units).toFloat();
  }
}
