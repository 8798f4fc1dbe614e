// cpu rung: tfjs's plain JavaScript backend, always available; gets the faster Conv2DBackpropFilter.
import * as tf from '@tensorflow/tfjs';
import { cpuDeviceName } from '../device-names';
import { applyKernelFixes } from '../kernels/register-kernel-fixes';
import type { RungOutcome } from '../types';

export async function tryCpu(): Promise<RungOutcome> {
  applyKernelFixes('cpu');
  if (!(await tf.setBackend('cpu'))) return { type: 'unavailable', reason: 'cpu: backend failed to initialise' };
  return { type: 'ready', selection: { tfBackendName: 'cpu', device: cpuDeviceName(), software: false, versions: {} } };
}
