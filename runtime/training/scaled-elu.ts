// ELU with a scale other than 1: tfjs's ELU layer refuses alpha ≠ 1 ("not supported yet"), Keras allows it.
// alpha·(eˣ − 1) for x < 0, x otherwise, written as relu(x) + alpha·(elu(x) − relu(x)) so it reuses tfjs's
// numerically safe elu gradient (no exp of large positive inputs).
import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export class ScaledElu extends tf.layers.Layer {
  /** Registered for (de)serialisation, so saved models load in a process that imported this module. */
  static readonly className = 'LayerLensScaledElu';
  readonly alpha: number;

  constructor(args: LayerArgs & { alpha: number }) {
    super(args);
    this.alpha = args.alpha;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (!x) throw new Error('ScaledElu needs one input');
      const positive = tf.relu(x);
      return tf.add(positive, tf.mul(tf.sub(tf.elu(x), positive), this.alpha));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

tf.serialization.registerClass(ScaledElu);
