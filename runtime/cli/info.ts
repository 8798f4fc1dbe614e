// `layerlens info [--backend B] [--json]`: which TensorFlow.js backend and device this machine gives, and why each
// faster rung of the ladder was not used. The first thing to run when a GPU is not picked up.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, LADDER_ORDER, selectBackend } from '../backends';
import type { BackendPreference } from '../protocol';

export interface InfoIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PREFERENCES: readonly string[] = ['auto', ...LADDER_ORDER];

export async function runInfo(args: string[], io: InfoIo, nodeModuleDirs: readonly string[], wasmDir: string): Promise<number> {
  let values: { backend?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args, strict: true, options: { backend: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    io.stderr(`layerlens info: ${error instanceof Error ? error.message : String(error)}\nusage: layerlens info [--backend ${PREFERENCES.join('|')}] [--json]\n`);
    return 2;
  }
  const preference = (values.backend ?? 'auto') as BackendPreference;
  if (!PREFERENCES.includes(preference)) {
    io.stderr(`layerlens info: unknown backend "${preference}" (one of ${PREFERENCES.join(', ')})\n`);
    return 2;
  }
  try {
    const selection = await selectBackend({ preference, nodeModuleDirs, wasmDir });
    if (values.json) {
      io.stdout(`${JSON.stringify({ tfjsVersion: tf.version.tfjs, ...selection })}\n`);
    } else {
      io.stdout(`TensorFlow.js ${tf.version.tfjs} on ${selection.backend}: ${selection.device}${selection.software ? ' (software emulation)' : ''}\n`);
      for (const reason of selection.reasons) io.stdout(`  not used: ${reason}\n`);
    }
    return 0;
  } catch (error) {
    const reasons = error instanceof BackendUnavailableError ? error.reasons : [error instanceof Error ? error.message : String(error)];
    io.stderr(`layerlens info: backend ${preference} is unavailable\n${reasons.map((r) => `  ${r}\n`).join('')}`);
    return 1;
  }
}
