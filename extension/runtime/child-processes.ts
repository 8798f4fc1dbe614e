import type { ChildProcess } from 'node:child_process';

/**
 * Owns short-lived child processes the extension starts besides runtimes (Install GPU Runtime's `npm`), so
 * deactivation kills them too instead of leaving an install running after VS Code closed.
 */
export class ChildProcesses {
  private readonly children = new Set<ChildProcess>();

  /** Tracks `child` until it exits; returns it. */
  track<C extends ChildProcess>(child: C): C {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    child.once('error', () => this.children.delete(child));
    return child;
  }

  get size(): number { return this.children.size; }

  dispose(): void {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    }
    this.children.clear();
  }
}
