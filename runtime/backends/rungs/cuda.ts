// cuda rung: @tensorflow/tfjs-node-gpu (libtensorflow 2.9.1 built for CUDA 11.2 + cuDNN 8.1).
// libtensorflow silently runs on the CPU when no CUDA device is usable, so a successful load is not enough:
// the rung also requires the backend to report that it uses a GPU.
import { cudaDeviceName } from '../device-names';
import type { RungContext, RungOutcome } from '../types';
import { activateTfjsNode } from './tfjs-node';

export const INSTALL_GPU_RUNTIME_HINT = 'run "LayerLens: Install GPU Runtime"';

export async function tryCuda(context: RungContext): Promise<RungOutcome> {
  const outcome = await activateTfjsNode('@tensorflow/tfjs-node-gpu', context.nodeModuleDirs, context.searchRuntimeModules);
  switch (outcome.type) {
    case 'unavailable': {
      const hint = outcome.detail.endsWith('not installed') ? ` (${INSTALL_GPU_RUNTIME_HINT})` : '';
      return { type: 'unavailable', reason: `cuda: ${outcome.detail}${hint}` };
    }
    case 'ready':
      if (!outcome.usingGpu) {
        return {
          type: 'unavailable',
          reason: 'cuda: tfjs-node-gpu loaded but TensorFlow found no usable CUDA GPU (needs an NVIDIA driver, CUDA 11.2 + cuDNN 8.1)',
        };
      }
      return {
        type: 'ready',
        selection: { tfBackendName: 'tensorflow', device: cudaDeviceName(), software: false, versions: outcome.versions },
      };
    default: {
      const unexpected: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
    }
  }
}
