// tensorflow rung: libtensorflow on the CPU through @tensorflow/tfjs-node. When the cuda rung already loaded
// @tensorflow/tfjs-node-gpu (which found no GPU), that package's CPU backend is reused: both packages register
// the same backend name and cannot be loaded side by side.
import { cpuDeviceName } from '../device-names';
import type { RungContext, RungOutcome } from '../types';
import { activateTfjsNode, loadedTfjsNodePackage } from './tfjs-node';

export async function tryTensorflow(context: RungContext): Promise<RungOutcome> {
  const packageName = loadedTfjsNodePackage() ?? '@tensorflow/tfjs-node';
  const outcome = await activateTfjsNode(packageName, context.nodeModuleDirs, context.searchRuntimeModules);
  switch (outcome.type) {
    case 'unavailable':
      return { type: 'unavailable', reason: `tensorflow: ${outcome.detail}` };
    case 'ready':
      return {
        type: 'ready',
        selection: { tfBackendName: 'tensorflow', device: cpuDeviceName(), software: false, versions: outcome.versions },
      };
    default: {
      const unexpected: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
    }
  }
}
