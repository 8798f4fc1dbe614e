// What the fused optimizers share with tfjs's own: the gradients in applyGradients' two input forms, and the lazily
// created slot variables (moments, accumulations) with tfjs's names, so getWeights/setWeights stay the same.
import * as tf from '@tensorflow/tfjs';

/** tfjs's OptimizerVariable: a slot variable and the name it is saved under (e.g. `dense/kernel/m`). */
export interface SlotVariable {
  originalName: string;
  variable: tf.Variable;
}

/** applyGradients' argument: gradients by variable name, or a list of named gradients. */
export type VariableGradients = tf.NamedTensorMap | ReadonlyArray<{ readonly name: string; readonly tensor: tf.Tensor }>;

export interface GradientEntry {
  readonly name: string;
  readonly variable: tf.Variable;
  /** Absent for a variable without a gradient (tfjs then still creates its slots, but leaves it unchanged). */
  readonly gradient: tf.Tensor | undefined;
}

function isList(gradients: VariableGradients): gradients is ReadonlyArray<{ readonly name: string; readonly tensor: tf.Tensor }> {
  return Array.isArray(gradients);
}

/** applyGradients' argument as (name, variable, gradient) in tfjs's order (slot index = position here). */
export function gradientList(variableGradients: VariableGradients): GradientEntry[] {
  const pairs: Array<[string, tf.Tensor | undefined]> = isList(variableGradients)
    ? variableGradients.map((v) => [v.name, v.tensor])
    : Object.keys(variableGradients).map((name) => [name, variableGradients[name]]);
  return pairs.map(([name, gradient]) => {
    const variable = tf.engine().registeredVariables[name];
    if (!variable) throw new Error(`optimizer: no variable named ${name}`);
    return { name, variable, gradient: gradient ?? undefined };
  });
}

/** Every variable and gradient of the entries: the tensors a fused update must find in the wasm backend's memory. */
export function updateTensors(entries: readonly GradientEntry[]): tf.Tensor[] {
  return entries.flatMap((e) => (e.gradient ? [e.variable, e.gradient] : [e.variable]));
}

/** The slot variable at `index` of `slots`, created as zeros like `like` (not trainable) on first use, as tfjs does. */
export function momentVariable(slots: Array<SlotVariable | undefined>, index: number, originalName: string, like: tf.Variable): tf.Variable {
  let slot = slots[index];
  if (!slot) {
    slot = { originalName, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
    slots[index] = slot;
  }
  return slot.variable;
}
