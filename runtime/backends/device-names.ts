// Human-readable device names for BackendSelection.device.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** CPU model and logical core count, e.g. "AMD EPYC 7B13 (2 cores)". */
export function cpuDeviceName(): string {
  const all = cpus();
  const model = all[0]?.model.trim() ?? 'unknown CPU';
  return `${model} (${all.length} ${all.length === 1 ? 'core' : 'cores'})`;
}

/** First NVIDIA GPU's name from nvidia-smi, or a generic label when nvidia-smi is absent. */
export function cudaDeviceName(): string {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { encoding: 'utf8', timeout: 5000 });
    const first = out.split('\n')[0]?.trim();
    return first ? first : 'CUDA GPU';
  } catch {
    return 'CUDA GPU';
  }
}
