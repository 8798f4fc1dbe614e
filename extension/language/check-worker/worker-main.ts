// Entry of dist/check-worker.js: a worker_threads worker that checks model files off the extension host's thread,
// so no file, however hostile, can make the editor wait (issue 11). Pure TypeScript: it must not load TensorFlow.js.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkModel, memoryDiagnostics, type ModelCheck } from '../../../runtime/language';
import type { CheckRequest, CheckResponse } from './protocol';

/**
 * Checking is background work: on Linux this thread lowers its own priority (its thread id from /proc/thread-self),
 * so a burst of large files never competes with the extension host, the runtime or the editor for the CPU.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: checks still run off the extension host's thread.
  }
}

const port = parentPort;
if (port) {
  lowerPriority();
  port.on('message', (request: CheckRequest) => {
    let response: CheckResponse;
    try {
      response = { id: request.id, ok: true, check: withMemoryWarning(checkModel(request.text, request.fileName), request.totalMemory) };
    } catch (error) {
      response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response);
  });
}

function withMemoryWarning(check: ModelCheck, totalMemory: number): ModelCheck {
  const warnings = memoryDiagnostics(check, totalMemory);
  return warnings.length === 0 ? check : { ...check, diagnostics: [...check.diagnostics, ...warnings] };
}
