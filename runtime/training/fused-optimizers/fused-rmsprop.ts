// tf.train.rmsprop (not centred) with its update fused into one SIMD pass per variable on the wasm backend (see
// fused-adam.ts for why it subclasses tfjs's optimizer: state, names and checkpoints stay tfjs's own).
import * as tf from '@tensorflow/tfjs';
import { RMSPROP } from './kernels';
import { gradientList, momentVariable, updateTensors, type SlotVariable } from './slots';
import { fusedRunner } from './wasm-heap-update';

/** RMSPropOptimizer's private state (tfjs-core 4.x, rmsprop_optimizer.ts). */
interface RMSPropState {
  centered: boolean;
  accumulatedMeanSquares: Array<SlotVariable | undefined>;
  accumulatedMoments: Array<SlotVariable | undefined>;
}

export class FusedRMSPropOptimizer extends tf.RMSPropOptimizer {
  override applyGradients(variableGradients: Parameters<tf.RMSPropOptimizer['applyGradients']>[0]): void {
    const entries = gradientList(variableGradients);
    const state = this as unknown as RMSPropState;
    const runner = fusedRunner(RMSPROP, updateTensors(entries));
    if (!runner || state.centered || !Array.isArray(state.accumulatedMeanSquares) || !Array.isArray(state.accumulatedMoments)) {
      super.applyGradients(variableGradients);
      return;
    }
    const scalars = [this.decay, 1 - this.decay, this.momentum, this.learningRate, this.epsilon];
    entries.forEach(({ name, variable, gradient }, i) => {
      const meanSquare = momentVariable(state.accumulatedMeanSquares, i, `${name}/rms`, variable);
      const moment = momentVariable(state.accumulatedMoments, i, `${name}/momentum`, variable);
      if (gradient) runner.replace([variable, meanSquare, moment], [variable, meanSquare, moment, gradient], scalars);
    });
    this.incrementIterations();
  }
}
