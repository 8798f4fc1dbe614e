// A clock and timers the tests advance by hand (for PointStreamer).
import type { Scheduler } from '../../../extension/training-panel/point-streamer';

interface Timer { id: number; at: number; callback: () => void }

export class FakeScheduler implements Scheduler {
  time = 0;
  private timers: Timer[] = [];
  private nextId = 1;

  /** `earlyMs`: timers fire this much before their delay is up (as real timers may, by a finer clock). */
  constructor(private readonly earlyMs = 0) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms - this.earlyMs), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }

  get pending(): number {
    return this.timers.length;
  }
}
