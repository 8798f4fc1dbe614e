// tf.train.sgd and tf.train.momentum with their updates fused into one SIMD pass per variable on the wasm backend
// (see fused-adam.ts for why they subclass tfjs's optimizers: state, names and checkpoints stay tfjs's own).
import * as tf from '@tensorflow/tfjs';
import { MOMENTUM, SGD } from './kernels';
import { gradientList, momentVariable, updateTensors, type SlotVariable } from './slots';
import { fusedRunner } from './wasm-heap-update';

export class FusedSGDOptimizer extends tf.SGDOptimizer {
  override applyGradients(variableGradients: Parameters<tf.SGDOptimizer['applyGradients']>[0]): void {
    const entries = gradientList(variableGradients);
    const runner = fusedRunner(SGD, entries.flatMap((e) => (e.gradient ? [e.variable, e.gradient] : [])));
    if (!runner) {
      super.applyGradients(variableGradients);
      return;
    }
    for (const { variable, gradient } of entries) if (gradient) runner.replace([variable], [variable, gradient], [-this.learningRate]);
    this.incrementIterations();
  }
}

/** MomentumOptimizer's private state (tfjs-core 4.x, momentum_optimizer.ts). */
interface MomentumState {
  momentum: number;
  useNesterov: boolean;
  accumulations: Array<SlotVariable | undefined>;
}

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  override applyGradients(variableGradients: Parameters<tf.MomentumOptimizer['applyGradients']>[0]): void {
    const entries = gradientList(variableGradients);
    const state = this as unknown as MomentumState;
    const runner = fusedRunner(MOMENTUM, updateTensors(entries));
    if (!runner || state.useNesterov || typeof state.momentum !== 'number' || !Array.isArray(state.accumulations)) {
      super.applyGradients(variableGradients);
      return;
    }
    entries.forEach(({ name, variable, gradient }, i) => {
      const accumulation = momentVariable(state.accumulations, i, `${name}/momentum`, variable);
      if (gradient) runner.replace([variable, accumulation], [variable, accumulation, gradient], [state.momentum, -this.learningRate]);
    });
    this.incrementIterations();
  }
}
