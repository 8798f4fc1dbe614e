// tf.train.adam with its update fused into one SIMD pass per variable on the wasm backend. It IS a tfjs
// AdamOptimizer (same class name, config, getWeights/setWeights names, order and state variables), so checkpoints
// and resumes are unchanged; only applyGradients differs, and only on wasm with float32 tensors (elsewhere: tfjs's
// own code). The kernel repeats tfjs's float32 operations in tfjs's order, so the values are the same bit for bit.
import * as tf from '@tensorflow/tfjs';
import { ADAM } from './kernels';
import { gradientList, momentVariable, updateTensors, type SlotVariable } from './slots';
import { fusedRunner } from './wasm-heap-update';

/** AdamOptimizer's private state (tfjs-core 4.x, adam_optimizer.ts). */
interface AdamState {
  accumulatedFirstMoment: Array<SlotVariable | undefined>;
  accumulatedSecondMoment: Array<SlotVariable | undefined>;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const entries = gradientList(variableGradients);
    const state = this as unknown as AdamState;
    const runner = fusedRunner(ADAM, [...updateTensors(entries), state.accBeta1, state.accBeta2]);
    if (!runner || !Array.isArray(state.accumulatedFirstMoment) || !Array.isArray(state.accumulatedSecondMoment)) {
      super.applyGradients(variableGradients);
      return;
    }
    // Scalars as tfjs makes them (float32 tensors of these JavaScript numbers); the kernel takes f32 parameters.
    const scalars = [this.beta1, 1 - this.beta1, this.beta2, 1 - this.beta2,
      1 - runner.scalar(state.accBeta1), 1 - runner.scalar(state.accBeta2), this.epsilon, -this.learningRate];
    entries.forEach(({ name, variable, gradient }, i) => {
      const first = momentVariable(state.accumulatedFirstMoment, i, `${name}/m`, variable);
      const second = momentVariable(state.accumulatedSecondMoment, i, `${name}/v`, variable);
      if (gradient) runner.replace([variable, first, second], [variable, first, second, gradient], scalars);
    });
    tf.tidy(() => {
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
