// Loads @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu (libtensorflow bindings) for the cuda and
// tensorflow rungs.
//
// Core instance: the package registers its 'tensorflow' backend with the @tensorflow/tfjs-core that *it*
// resolves, which is a second copy when it was installed into its own folder (global storage). tfjs-core keeps
// its engine and kernel registry on globalThis (`_tfengine`, `_tfGlobals`), so a same-version copy registers
// into the engine this runtime uses; Tensor's `instanceof` is duck-typed for the same reason. We therefore
// (1) check that the backend factory is visible through our own '@tensorflow/tfjs' import and (2) refuse a
// package whose tfjs-core version differs from ours, since kernels and tensors of two versions are not
// guaranteed to be compatible.
import * as tf from '@tensorflow/tfjs';
import { loadOptionalModule } from '../optional-module';

export type TfjsNodePackage = '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';

/** The 'tensorflow' backend after a successful load; `usingGpu` is libtensorflow's own verdict. */
export type TfjsNodeOutcome =
  | { readonly type: 'ready'; readonly usingGpu: boolean; readonly versions: Record<string, string> }
  | { readonly type: 'unavailable'; readonly detail: string };

/** Which of the two packages registered the 'tensorflow' backend in this process, and its versions. */
let loadedPackage: TfjsNodePackage | undefined;
let loadedVersions: Record<string, string> = {};

const CUDA_REQUIREMENT = 'tfjs-node-gpu 4.22 needs CUDA 11.2 + cuDNN 8.1';

/** One-line description of a native load failure, naming the missing shared library when there is one. */
export function describeLoadFailure(packageName: TfjsNodePackage, error: Error): string {
  const missingLibrary = /(lib[\w.+-]+\.so[\w.]*): cannot open shared object file/.exec(error.message)?.[1];
  if (missingLibrary !== undefined) {
    return packageName === '@tensorflow/tfjs-node-gpu'
      ? `${missingLibrary} not found (${CUDA_REQUIREMENT})`
      : `${missingLibrary} not found (libtensorflow could not be loaded)`;
  }
  return `${packageName} failed to load: ${error.message.split('\n')[0] ?? error.name}`;
}

function stringEntries(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Loads `packageName` (once per process) and makes 'tensorflow' the active backend. */
export async function activateTfjsNode(
  packageName: TfjsNodePackage, searchDirs: readonly string[], searchRuntimeModules = true,
): Promise<TfjsNodeOutcome> {
  if (loadedPackage === undefined) {
    const loaded = loadOptionalModule(packageName, searchDirs, searchRuntimeModules);
    switch (loaded.type) {
      case 'missing':
        return { type: 'unavailable', detail: `${packageName} not installed` };
      case 'failed':
        return { type: 'unavailable', detail: describeLoadFailure(packageName, loaded.error) };
      case 'loaded': {
        const theirVersions = stringEntries((loaded.module as { version?: unknown }).version);
        const theirCore = theirVersions['tfjs-core'];
        if (theirCore !== undefined && theirCore !== tf.version_core) {
          return { type: 'unavailable', detail: `${packageName} uses tfjs-core ${theirCore}, the runtime uses ${tf.version_core}` };
        }
        if (tf.findBackendFactory('tensorflow') === null) {
          return { type: 'unavailable', detail: `${packageName} loaded but did not register a 'tensorflow' backend with this runtime's tfjs-core` };
        }
        loadedPackage = packageName;
        loadedVersions = theirVersions;
        break;
      }
      default: {
        const unexpected: never = loaded;
        throw new Error(`unexpected module outcome ${JSON.stringify(unexpected)}`);
      }
    }
  } else if (loadedPackage !== packageName && packageName === '@tensorflow/tfjs-node-gpu') {
    return { type: 'unavailable', detail: `@tensorflow/tfjs-node is already loaded in this process` };
  }
  if (!(await tf.setBackend('tensorflow'))) {
    return { type: 'unavailable', detail: `${loadedPackage} loaded but the 'tensorflow' backend failed to initialise` };
  }
  const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: unknown }).isUsingGpuDevice === true;
  const libtensorflow = (tf.backend() as unknown as { binding?: { TF_Version?: unknown } }).binding?.TF_Version;
  const packageVersion = loadedVersions['tfjs-node'] ?? loadedVersions['tfjs-node-gpu'];
  return {
    type: 'ready',
    usingGpu,
    versions: {
      ...(packageVersion !== undefined ? { [loadedPackage.replace('@tensorflow/', '')]: packageVersion } : {}),
      ...(typeof libtensorflow === 'string' ? { libtensorflow } : {}),
    },
  };
}

/** The package that registered 'tensorflow' in this process (the tensorflow rung reuses tfjs-node-gpu on CPU). */
export function loadedTfjsNodePackage(): TfjsNodePackage | undefined {
  return loadedPackage;
}
