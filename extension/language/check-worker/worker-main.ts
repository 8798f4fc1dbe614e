// Entry of dist/check-worker.js: a worker_threads worker that checks model files off the extension host's thread,
// so no file, however hostile, can make the editor wait (issue 11). Pure TypeScript: it must not load TensorFlow.js.
import { parentPort } from 'node:worker_threads';
import { checkModel, memoryDiagnostics, type ModelCheck } from '../../../runtime/language';
import type { CheckRequest, CheckResponse } from './protocol';

const port = parentPort;
if (port) {
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
