/** What a subscription returns: `dispose()` removes the listener (same shape as `vscode.Disposable`). */
export interface Subscription { dispose(): void }

/** A `vscode.Event`-style subscribe function. */
export type Listen<T> = (listener: (event: T) => void) => Subscription;

/**
 * `vscode.EventEmitter` without vscode, for classes that must run in plain Node (unit tests, the runtime pool). A
 * listener that throws does not stop the others; after `dispose()` nothing fires and new listeners are ignored.
 */
export class Emitter<T> {
  private listeners: ((event: T) => void)[] = [];
  private disposed = false;

  readonly event: Listen<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try { listener(event); } catch (error) { console.error('LayerLens: a listener failed', error); }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
