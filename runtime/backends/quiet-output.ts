// Keeps library chatter out of the user's terminal and Output channel: TensorFlow.js's "install tfjs-node" banner
// (printed once per CPU backend instance, i.e. many times per run) and Dawn's Vulkan loader warnings (printed by
// native code straight to fd 2, naming a CI build path). Both are shown again when LAYERLENS_VERBOSE=1, which the
// extension sets from `layerlens.verbose`.
import * as tf from '@tensorflow/tfjs';

/** True when the user asked for the libraries' own diagnostics (`layerlens.verbose`, or LAYERLENS_VERBOSE=1). */
export function verboseOutput(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LAYERLENS_VERBOSE === '1' || env.LAYERLENS_VERBOSE === 'true';
}

/**
 * TensorFlow.js prints its banners through `backend_util.warn`, which is silent in PROD mode. PROD only turns off
 * those warnings and a few debug-only checks; NaN detection (DEBUG) and kernels are unaffected.
 */
export function quietTensorflowJs(env: NodeJS.ProcessEnv = process.env): void {
  if (!verboseOutput(env)) tf.env().set('PROD', true);
}
