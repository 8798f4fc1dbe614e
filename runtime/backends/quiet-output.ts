// Keeps library chatter out of the user's terminal and Output channel: TensorFlow.js's "install tfjs-node" banner
// (printed once per CPU backend instance, i.e. many times per run) here, and Dawn's Vulkan warnings (printed by
// native code straight to fd 2) by whoever reads this process's stderr, see native-chatter.ts. Both are shown again
// when LAYERLENS_VERBOSE=1, which the extension sets from `layerlens.verbose`.
import * as tf from '@tensorflow/tfjs';
import { verboseOutput } from './native-chatter';

/**
 * TensorFlow.js prints its banners through `backend_util.warn`, which is silent in PROD mode. PROD only turns off
 * those warnings and a few debug-only checks; NaN detection (DEBUG) and kernels are unaffected.
 */
export function quietTensorflowJs(env: NodeJS.ProcessEnv = process.env): void {
  if (!verboseOutput(env)) tf.env().set('PROD', true);
}
