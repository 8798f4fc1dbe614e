// One animation frame for all of a panel's live drawing. In the Training panel a live run changes the header, every
// chart and the decision boundary; drawn on their own, each change costs the renderer a frame of its own (style,
// layout, paint, commit: about 3.5 ms each in software compositing), and on a small machine that time is taken from
// training. Requests made between frames run together in one frame, at most one per `minIntervalMs`.

/** Live updates are drawn at most this often; the extension sends points at the same pace (UPDATE_INTERVAL_MS). */
export const LIVE_FRAME_INTERVAL_MS = 250;
const FALLBACK_MS = 500;

export class FrameClock {
  private readonly pending = new Set<() => void>();
  private frameRequest: number | undefined;
  /** Runs the frame if no animation frame came (Chromium pauses them in pages and iframes it deems hidden). */
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFrameAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly minIntervalMs = LIVE_FRAME_INTERVAL_MS) {}

  /** Runs `draw` in the next shared frame; a callback requested again before that frame runs once. */
  request(draw: () => void): void {
    this.pending.add(draw);
    if (this.frameRequest !== undefined || this.timer !== undefined) return;
    const wait = this.lastFrameAt + this.minIntervalMs - performance.now();
    if (wait <= 0) this.requestFrame();
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.requestFrame();
    }, wait);
  }

  /** Forgets a pending callback (its owner is gone). */
  cancel(draw: () => void): void {
    this.pending.delete(draw);
  }

  private requestFrame(): void {
    this.frameRequest = requestAnimationFrame(() => this.frame());
    this.fallback = setTimeout(() => this.frame(), FALLBACK_MS);
  }

  private frame(): void {
    if (this.frameRequest !== undefined) cancelAnimationFrame(this.frameRequest);
    clearTimeout(this.fallback);
    this.frameRequest = undefined;
    this.fallback = undefined;
    this.lastFrameAt = performance.now();
    const draws = [...this.pending];
    this.pending.clear();
    // One failing draw must not starve the others (or the frames after it): report it and go on.
    for (const draw of draws) {
      try {
        draw();
      } catch (error) {
        reportError(error);
      }
    }
  }
}

/** The panel's one clock (a page has one animation-frame loop). */
export const liveFrames = new FrameClock();
