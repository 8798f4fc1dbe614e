// Runs the PyTorch peer (scripts/bench_torch.py) and returns its JSON, or a string saying why it did not run.
//
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peer's environment only (unless asked to keep
// them): some machines set them to work around old OpenBLAS builds, and they pin a current OpenBLAS to a slow
// generic kernel, which would make the peer weaker than it is for its users. The peer reports the kernel
// OpenBLAS then chose (threadpoolctl's "architecture").
// OpenBLAS 0.3.21 (Debian bookworm) does not know recent Xeons and falls back to its generic SSE3 'Prescott'
// kernel (measured here: autodetect → Prescott on an AVX-512 Xeon). When a probe shows such a generic kernel on
// a CPU with AVX2 and FMA, the peer runs with OPENBLAS_CORETYPE=Haswell (the AVX2 kernel; checked here against
// a float64 product: same error as the autodetected kernels), so it is the peer people with a newer OpenBLAS get.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModelName } from './bench-models';

export interface TorchModelResult {
  readonly model: BenchModelName;
  readonly samplesPerSecond: number;
  /** The thread count of the faster setting (the peer), and samples/s per setting tried. */
  readonly threads?: number;
  readonly byThreads?: Readonly<Record<string, number>>;
  readonly epochSamplesPerSecond: readonly number[];
  readonly epochSeconds: { readonly median: number; readonly min: number; readonly max: number };
  readonly samplesPerEpoch: number;
}

export interface TorchBench {
  readonly python: string;
  readonly torch: string;
  /** Threads of the matMul ceiling (one per core); each result says which setting was its peer. */
  readonly threads: number;
  /** torch.__config__.show()'s BLAS lines, threadpoolctl's loaded libraries, and the OPENBLAS_* variables it saw. */
  readonly blas: { readonly config: readonly string[]; readonly threadpoolctl: unknown; readonly env: Record<string, string> };
  /** The OpenBLAS kernel OpenBLAS picked by itself, and the OPENBLAS_CORETYPE the peer ran with (null: none). */
  readonly openblasCoretype: { readonly autodetected: string | null; readonly forced: string | null; readonly why: string };
  readonly ceiling: { readonly size: number; readonly gflops: { readonly median: number; readonly min: number; readonly max: number } } | null;
  readonly results: readonly TorchModelResult[];
}

export interface TorchPeerOptions {
  /** Python interpreters to try, first with torch wins (default: python3, /usr/bin/python3). */
  readonly pythons?: readonly string[];
  readonly script?: string;
  readonly models: readonly BenchModelName[];
  readonly epochs: number;
  readonly minEpochSeconds: number;
  readonly ceiling: boolean;
  /** Keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for the peer (default: removed, see the header). */
  readonly keepOpenblasEnv?: boolean;
  /** Force this OPENBLAS_CORETYPE for the peer (default: see the header). */
  readonly openblasCoretype?: string;
}

/** OpenBLAS's generic x86 kernels, slower than what an AVX2 machine can run. */
const GENERIC_KERNELS = new Set(['Prescott', 'Core2', 'Nehalem', 'Penryn', 'Dunnington', 'Atom', 'Katmai', 'Coppermine', 'Northwood', 'Banias']);

const PROBE = `import torch, json
torch.mm(torch.ones(8, 8), torch.ones(8, 8))
try:
    from threadpoolctl import threadpool_info
    print(json.dumps([i.get("architecture") for i in threadpool_info() if i.get("internal_api") == "openblas"]))
except ImportError:
    print("[]")`;

function cpuHasAvx2Fma(): boolean {
  try {
    const flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
    return flags.has('avx2') && flags.has('fma');
  } catch {
    return false;
  }
}

/** The OPENBLAS_CORETYPE to run the peer with, and why. */
function chooseCoretype(python: string, env: NodeJS.ProcessEnv, options: Pick<TorchPeerOptions, 'keepOpenblasEnv' | 'openblasCoretype'>): TorchBench['openblasCoretype'] {
  if (options.openblasCoretype !== undefined) return { autodetected: null, forced: options.openblasCoretype, why: '--openblas-coretype' };
  if (options.keepOpenblasEnv === true) return { autodetected: null, forced: env.OPENBLAS_CORETYPE ?? null, why: '--keep-openblas-env' };
  const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', env });
  const detected = probe.status === 0 ? (JSON.parse(probe.stdout) as Array<string | null>)[0] ?? null : null;
  if (detected !== null && GENERIC_KERNELS.has(detected) && cpuHasAvx2Fma()) {
    return { autodetected: detected, forced: 'Haswell', why: `OpenBLAS picked its generic '${detected}' kernel on a CPU with AVX2+FMA` };
  }
  return { autodetected: detected, forced: null, why: detected === null ? 'threadpoolctl found no OpenBLAS' : 'autodetected kernel kept' };
}

/** The Python with torch, the environment to run the peer in, and the OpenBLAS kernel choice; or why there is none. */
export interface PeerEnvironment {
  readonly python: string;
  readonly env: NodeJS.ProcessEnv;
  readonly openblasCoretype: TorchBench['openblasCoretype'];
}

export function peerEnvironment(options: Pick<TorchPeerOptions, 'pythons' | 'keepOpenblasEnv' | 'openblasCoretype'>): PeerEnvironment | string {
  const pythons = options.pythons ?? ['python3', '/usr/bin/python3'];
  const python = pythons.find((candidate) => spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (python === undefined) {
    return `torch not found: no Python with torch among ${pythons.join(', ')} (Debian: apt-get install python3-torch libopenblas0-pthread python3-threadpoolctl)`;
  }
  const env = { ...process.env };
  if (options.keepOpenblasEnv !== true) {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  const openblasCoretype = chooseCoretype(python, env, options);
  if (openblasCoretype.forced !== null) env.OPENBLAS_CORETYPE = openblasCoretype.forced;
  return { python, env, openblasCoretype };
}

/** scripts/bench_torch.py unless `script` names another. */
export const torchScript = (script?: string): string => script ?? join(process.cwd(), 'scripts', 'bench_torch.py');

export function runTorchPeer(options: TorchPeerOptions, peer: PeerEnvironment | string = peerEnvironment(options)): TorchBench | string {
  if (typeof peer === 'string') return peer;
  const { python, env, openblasCoretype } = peer;
  const args = [torchScript(options.script), '--models', options.models.join(','), '--epochs', String(options.epochs),
    '--min-epoch-seconds', String(options.minEpochSeconds), ...(options.ceiling ? [] : ['--no-ceiling'])];
  const run = spawnSync(python, args, { encoding: 'utf8', env, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) return `bench_torch.py failed: ${run.stderr.trim().split('\n').pop() ?? `exit ${String(run.status)}`}`;
  return { python, openblasCoretype, ...(JSON.parse(run.stdout) as Omit<TorchBench, 'python' | 'openblasCoretype'>) };
}
