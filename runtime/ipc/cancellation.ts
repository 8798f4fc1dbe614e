// Cooperative cancellation of a request in flight: the server cancels the token of a request named by `cancel`,
// and long work checks it between steps (TensorFlow.js kernels themselves cannot be interrupted).

/** The error of a cancelled request; its message is the protocol's error string `cancelled`. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';

  constructor() {
    super('cancelled');
  }
}

export class CancellationToken {
  private cancelled = false;

  /** A token that is never cancelled, for callers without a request (the CLI, tests). */
  static readonly none: CancellationToken = new CancellationToken();

  get isCancelled(): boolean {
    return this.cancelled;
  }

  cancel(): void {
    if (this !== CancellationToken.none) this.cancelled = true;
  }

  /** Call between steps of long work. */
  throwIfCancelled(): void {
    if (this.cancelled) throw new CancelledError();
  }
}
