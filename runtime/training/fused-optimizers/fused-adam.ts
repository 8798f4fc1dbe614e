// tf.train.adam with its update fused into one SIMD pass per variable on the wasm backend. It IS a tfjs
// AdamOptimizer (same class name, config, getWeights/setWeights names, order and state variables), so checkpoints
// and resumes are unchanged; only applyGradients differs, and only on wasm with float32 tensors (elsewhere: tfjs's
// own code). The kernel repeats tfjs's float32 operations in tfjs's order, so the values are the same bit for bit.
import * as tf from '@tensorflow/tfjs';
import type { ElementwiseKernel } from './simd-assembler';
import { gradientList, momentVariable, type SlotVariable } from './slots';
import { fusedRunner } from './wasm-heap-update';

/** AdamOptimizer's private state (tfjs-core 4.x, adam_optimizer.ts). */
interface AdamState {
  accumulatedFirstMoment: Array<SlotVariable | undefined>;
  accumulatedSecondMoment: Array<SlotVariable | undefined>;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

// Inputs: 0 value, 1 m, 2 v, 3 gradient. Outputs: 0 value, 1 m, 2 v. Scalars: 0 β1, 1 1−β1, 2 β2, 3 1−β2,
// 4 1−β1^t, 5 1−β2^t, 6 ε, 7 −learning rate. Temporaries: 0 gradient, 1 new m, 2 new v.
const ADAM: ElementwiseKernel = {
  name: 'adam', inputs: 4, outputs: 3, scalars: 8, temporaries: 3,
  body: (e) => {
    e.load(3).set(0);
    e.load(1).scalar(0).op('mul').get(0).scalar(1).op('mul').op('add').set(1); // m·β1 + g·(1−β1)
    e.load(2).scalar(2).op('mul').get(0).get(0).op('mul').scalar(3).op('mul').op('add').set(2); // v·β2 + g²·(1−β2)
    e.store(1, () => e.get(1));
    e.store(2, () => e.get(2));
    // value + (m / (1−β1^t)) / (√(v / (1−β2^t)) + ε) · (−lr)
    e.store(0, () => e.get(1).scalar(4).op('div').get(2).scalar(5).op('div').op('sqrt').scalar(6).op('add').op('div')
      .scalar(7).op('mul').load(0).op('add'));
  },
};

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const entries = gradientList(variableGradients);
    const state = this as unknown as AdamState;
    const runner = fusedRunner([...entries.flatMap((e) => (e.gradient ? [e.variable, e.gradient] : [e.variable])), state.accBeta1, state.accBeta2]);
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
      if (gradient) runner.replace(ADAM, [variable, first, second], [variable, first, second, gradient], scalars);
    });
    tf.tidy(() => {
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
