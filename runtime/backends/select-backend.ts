// The backend ladder: `auto` tries cuda → webgpu (hardware adapters only) → tensorflow → wasm → cpu and keeps
// a one-line reason for each rung that failed. A backend named explicitly is tried alone and, when it cannot
// be used, selectBackend rejects with BackendUnavailableError carrying the reason: it never silently trains
// on something the user did not ask for. The caller may then retry with `auto` and show the reason.
import * as tf from '@tensorflow/tfjs';
import { quietTensorflowJs } from './quiet-output';
import { tryCpu } from './rungs/cpu';
import { tryCuda } from './rungs/cuda';
import { tryTensorflow } from './rungs/tensorflow';
import { tryWasm } from './rungs/wasm';
import { tryWebgpu } from './rungs/webgpu';
import { BackendUnavailableError, LADDER_ORDER } from './types';
import type { BackendName, BackendSelection, RungContext, RungOutcome, SelectBackendOptions } from './types';

function tryRung(name: BackendName, context: RungContext): Promise<RungOutcome> {
  switch (name) {
    case 'cuda': return tryCuda(context);
    case 'webgpu': return tryWebgpu(context);
    case 'tensorflow': return tryTensorflow(context);
    case 'wasm': return tryWasm(context);
    case 'cpu': return tryCpu();
    default: {
      const unknownRung: never = name;
      throw new Error(`unknown backend ${String(unknownRung)}`);
    }
  }
}

/** tfjs package versions common to every backend, e.g. { 'tfjs-core': '4.22.0', ... }. */
function baseVersions(): Record<string, string> {
  return Object.fromEntries(Object.entries(tf.version).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Picks, initialises and activates (tf.setBackend) a TensorFlow.js backend according to `options.preference`. */
export async function selectBackend(options: SelectBackendOptions): Promise<BackendSelection> {
  const log = options.log ?? ((): void => undefined);
  quietTensorflowJs();
  const explicit = options.preference !== 'auto';
  const rungs: readonly BackendName[] = options.preference === 'auto' ? LADDER_ORDER : [options.preference];
  const context: RungContext = {
    explicit, nodeModuleDirs: options.nodeModuleDirs, searchRuntimeModules: options.searchRuntimeModules ?? true, wasmDir: options.wasmDir, log,
  };
  const reasons: string[] = [];
  for (const name of rungs) {
    log(`backend: trying ${name}`);
    let outcome: RungOutcome;
    try {
      outcome = await tryRung(name, context);
    } catch (error) {
      outcome = { type: 'unavailable', reason: `${name}: ${(error as Error).message.split('\n')[0]}` };
    }
    switch (outcome.type) {
      case 'ready': {
        const selection: BackendSelection = {
          ...outcome.selection, backend: name, reasons, versions: { ...baseVersions(), ...outcome.selection.versions },
        };
        log(`backend: using ${name} (${selection.device}${selection.software ? ', software' : ''})`);
        return selection;
      }
      case 'unavailable':
        reasons.push(outcome.reason);
        log(`backend: ${outcome.reason}`);
        break;
      default: {
        const unexpected: never = outcome;
        throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }
  throw new BackendUnavailableError(options.preference, reasons);
}
