// webgpu rung: @tensorflow/tfjs-backend-webgpu on Dawn (the `webgpu` npm package), which drives the vendor's
// Vulkan / Metal / D3D12 driver, so no CUDA is needed. Order matters: navigator.gpu must exist before the
// tfjs backend module is imported (it registers itself only when navigator.gpu is present), hence the dynamic
// imports. We request the adapter ourselves first because a null adapter makes tfjs's backend factory throw
// while tf.getBackend() still reports 'webgpu'. Software adapters (lavapipe, SwiftShader) are accepted only
// when the user names `webgpu`: they are slower than the wasm backend.
import * as tf from '@tensorflow/tfjs';
import { installedPackageVersion } from '../optional-module';
import { verboseOutput } from '../native-chatter';
import type { RungContext, RungOutcome } from '../types';
import { probeWebgpuAdapter } from './webgpu-probe';

/** The part of WebGPU's GPUAdapterInfo we read (Dawn exposes these as getters). */
interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<{ readonly info: AdapterInfo } | null>;
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: object;
}

let gpu: GpuLike | undefined;

const NO_ADAPTER = 'webgpu: no WebGPU adapter (no Vulkan/Metal/D3D12 device found)';

/** Creates the Dawn instance once and exposes it as navigator.gpu (plus the WebGPU globals tfjs uses). */
async function installNavigatorGpu(): Promise<GpuLike> {
  if (gpu !== undefined) return gpu;
  const dawn = (await import('webgpu')) as unknown as DawnModule;
  Object.assign(globalThis, dawn.globals);
  const created = dawn.create([]);
  const holder = globalThis as { navigator?: object };
  if (holder.navigator !== undefined) {
    Object.defineProperty(holder.navigator, 'gpu', { value: created, configurable: true });
  } else {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: created }, configurable: true, writable: true });
  }
  gpu = created;
  return created;
}

/** True for CPU-emulated adapters (Mesa lavapipe/llvmpipe, SwiftShader, Dawn's fallback adapter). */
export function isSoftwareAdapter(info: AdapterInfo): boolean {
  return info.isFallbackAdapter === true || info.architecture === 'software' || info.architecture === 'cpu'
    || /llvmpipe|lavapipe|swiftshader/i.test(`${info.description} ${info.device}`);
}

/** A short name for a software adapter, for reasons ("lavapipe", "SwiftShader"). */
function softwareAdapterLabel(info: AdapterInfo): string {
  const text = `${info.description} ${info.device}`;
  if (/llvmpipe|lavapipe/i.test(text)) return 'lavapipe';
  if (/swiftshader/i.test(text)) return 'SwiftShader';
  return info.device || info.vendor || 'software';
}

function adapterDeviceName(info: AdapterInfo): string {
  return info.description || info.device || info.vendor || 'WebGPU adapter';
}

function packageVersions(packageNames: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of packageNames) {
    const version = installedPackageVersion(name);
    if (version !== undefined) versions[name.replace('@tensorflow/', '')] = version;
  }
  return versions;
}

export async function tryWebgpu(context: RungContext): Promise<RungOutcome> {
  if (gpu === undefined && !verboseOutput()) {
    const probe = probeWebgpuAdapter();
    if (probe && !probe.adapter) return { type: 'unavailable', reason: NO_ADAPTER };
    // `auto` refuses software adapters anyway: decide from the probe, so Dawn (and its warnings) stays unloaded.
    const info = probe?.info;
    if (info && !context.explicit) {
      const text = (key: string): string => (typeof info[key] === 'string' ? info[key] : '');
      const adapterInfo: AdapterInfo = { vendor: text('vendor'), architecture: text('architecture'), device: text('device'),
        description: text('description'), isFallbackAdapter: info['isFallbackAdapter'] === true };
      if (isSoftwareAdapter(adapterInfo)) {
        return { type: 'unavailable', reason: `webgpu: adapter is software (${softwareAdapterLabel(adapterInfo)}); name webgpu explicitly to use it` };
      }
    }
  }
  let navigatorGpu: GpuLike;
  try {
    navigatorGpu = await installNavigatorGpu();
  } catch (error) {
    return { type: 'unavailable', reason: `webgpu: Dawn (webgpu package) failed to load: ${(error as Error).message.split('\n')[0]}` };
  }
  const adapter = await navigatorGpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return { type: 'unavailable', reason: NO_ADAPTER };
  const software = isSoftwareAdapter(adapter.info);
  if (software && !context.explicit) {
    return {
      type: 'unavailable',
      reason: `webgpu: adapter is software (${softwareAdapterLabel(adapter.info)}); name webgpu explicitly to use it`,
    };
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu') === null) {
    return { type: 'unavailable', reason: 'webgpu: @tensorflow/tfjs-backend-webgpu was imported before navigator.gpu existed and did not register' };
  }
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') {
    return { type: 'unavailable', reason: `webgpu: the tfjs webgpu backend failed to initialise on ${adapterDeviceName(adapter.info)}` };
  }
  return {
    type: 'ready',
    selection: {
      tfBackendName: 'webgpu',
      device: adapterDeviceName(adapter.info),
      software,
      versions: packageVersions(['@tensorflow/tfjs-backend-webgpu', 'webgpu']),
    },
  };
}
