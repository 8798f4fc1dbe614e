// The extension host's side of the checker worker. Pure Node (no vscode), so it is unit-testable.
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelCheck } from '../../../runtime/language';
import type { CheckRequest, CheckResponse } from './protocol';

/** A check the worker did not answer in time is abandoned and the worker replaced (a checker bug, or a file no limit foresaw). */
export const CHECK_TIMEOUT_MS = 15_000;

interface Pending {
  readonly request: CheckRequest;
  readonly resolve: (check: ModelCheck) => void;
}

/**
 * Sends checks to one worker thread, one at a time in order, and resolves each with its `ModelCheck`. Never rejects:
 * a crash, an error or a timeout resolves with a check holding one diagnostic. A timed-out worker is terminated
 * and a fresh one takes the remaining requests.
 */
export class CheckWorkerClient {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly workerPath: string, private readonly timeoutMs = CHECK_TIMEOUT_MS) {}

  check(text: string, fileName: string): Promise<ModelCheck> {
    if (this.disposed) return Promise.resolve(failedCheck(fileName, 'LayerLens is shutting down'));
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, text, fileName, totalMemory: totalmem() }, resolve });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    void this.worker?.terminate();
    this.worker = undefined;
    for (const pending of [...(this.current ? [this.current] : []), ...this.queue.splice(0)]) {
      pending.resolve(failedCheck(pending.request.fileName, 'LayerLens is shutting down'));
    }
    this.current = undefined;
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    this.timer = setTimeout(() => this.abandon(`checking took longer than ${this.timeoutMs / 1000} s and was stopped`), this.timeoutMs);
    this.ensureWorker().postMessage(next.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.unref(); // an idle checker never keeps a process alive
    worker.on('message', (response: CheckResponse) => this.answer(response));
    worker.on('error', (error) => this.abandon(`the checker failed: ${error.message}`));
    worker.on('exit', () => { if (this.worker === worker) this.abandon('the checker stopped'); });
    this.worker = worker;
    return worker;
  }

  private answer(response: CheckResponse): void {
    const current = this.current;
    if (!current || current.request.id !== response.id) return; // an answer from a worker we gave up on
    this.finish(response.ok ? response.check : failedCheck(current.request.fileName, `LayerLens could not check this file: ${response.message}`));
  }

  /** Ends the current request with `message` and replaces the worker (it may be stuck or dead). */
  private abandon(message: string): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    const current = this.current;
    if (current) this.finish(failedCheck(current.request.fileName, message));
  }

  private finish(check: ModelCheck): void {
    this.clearTimer();
    const current = this.current;
    this.current = undefined;
    current?.resolve(check);
    this.pump();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** A check with no layers and one error at the start of the file. */
export function failedCheck(fileName: string, message: string, code: 'structure' | 'too-large' = 'structure'): ModelCheck {
  const zero = { line: 0, col: 0 };
  return {
    name: fileName, layers: [], outputShape: null,
    totals: { params: 0, trainableParams: 0, nonTrainableParams: 0, macs: 0 },
    diagnostics: [{ severity: 'error', code, message, range: { start: zero, end: zero } }],
  };
}
