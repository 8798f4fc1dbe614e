// Asks Dawn for a WebGPU adapter in a short-lived child process whose stderr we capture. Dawn's native code writes
// its Vulkan loader warnings ("vkCreateInstance: Found no drivers!", with a CI source path) straight to fd 2, which
// no JavaScript can filter; on the many machines without any adapter the runtime then never loads Dawn itself.
import { spawnSync } from 'node:child_process';

export interface WebgpuProbe {
  /** Dawn found at least one adapter (hardware or software). */
  readonly adapter: boolean;
  /** What Dawn printed, for verbose logs. */
  readonly stderr: string;
}

/** Runs in the child: prints "adapter" or "none". `WEBGPU_MODULE` is the resolved path of the webgpu package. */
const PROBE_SCRIPT = `
const dawn = require(process.env.WEBGPU_MODULE);
Object.assign(globalThis, dawn.globals);
dawn.create([]).requestAdapter({ powerPreference: 'high-performance' })
  .then((a) => { process.stdout.write(a ? 'adapter' : 'none'); process.exit(0); },
        (e) => { process.stdout.write('none'); console.error(String(e)); process.exit(0); });
`;

/** Undefined when the probe itself could not run (then the caller loads Dawn in-process as before). */
export function probeWebgpuAdapter(): WebgpuProbe | undefined {
  let modulePath: string;
  try {
    modulePath = require.resolve('webgpu');
  } catch {
    return undefined;
  }
  // ELECTRON_RUN_AS_NODE: inside VS Code process.execPath is Electron, which must behave as plain Node here.
  const result = spawnSync(process.execPath, ['-e', PROBE_SCRIPT], {
    encoding: 'utf8', timeout: 30_000, env: { ...process.env, WEBGPU_MODULE: modulePath, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (result.error || result.status !== 0) return undefined;
  return { adapter: result.stdout.trim() === 'adapter', stderr: result.stderr.trim() };
}
