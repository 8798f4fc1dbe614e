// A 28×28 pad to draw a digit with the mouse (or pen, or touch): white strokes on black, like MNIST, turned into a
// [28, 28, 1] tensor of 0..1 values when the user presses Use.
import { button } from '../../shared/toolkit';
import type { Tensor } from '../protocol';

const SIZE = 28;
const SCALE = 8;
/** Brush radius in input pixels: MNIST strokes are about 2–3 pixels wide. */
const BRUSH = 1.3;

export class DigitPad {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly values = new Float32Array(SIZE * SIZE);
  private drawing = false;

  constructor(private readonly onUse: (tensor: Tensor) => void) {
    this.element = document.createElement('div');
    this.element.className = 'digit-pad';
    this.element.hidden = true;
    this.canvas = document.createElement('canvas');
    this.canvas.width = SIZE * SCALE;
    this.canvas.height = SIZE * SCALE;
    this.canvas.setAttribute('aria-label', 'Draw a digit');
    this.canvas.addEventListener('pointerdown', (e) => { this.drawing = true; this.canvas.setPointerCapture(e.pointerId); this.paint(e); });
    this.canvas.addEventListener('pointermove', (e) => { if (this.drawing) this.paint(e); });
    this.canvas.addEventListener('pointerup', () => { this.drawing = false; });
    const actions = document.createElement('div');
    actions.className = 'pad-actions';
    actions.append(
      button('Use', () => this.onUse({ shape: [SIZE, SIZE, 1], data: Float32Array.from(this.values) })),
      button('Clear', () => { this.values.fill(0); this.render(); }, { secondary: true }),
    );
    this.element.append(this.canvas, actions);
    this.render();
  }

  toggle(): void { this.element.hidden = !this.element.hidden; }
  hide(): void { this.element.hidden = true; }

  private paint(event: PointerEvent): void {
    const box = this.canvas.getBoundingClientRect();
    const cx = ((event.clientX - box.left) / box.width) * SIZE;
    const cy = ((event.clientY - box.top) / box.height) * SIZE;
    for (let y = Math.floor(cy - 2); y <= cy + 2; y++) {
      for (let x = Math.floor(cx - 2); x <= cx + 2; x++) {
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
        const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const ink = Math.max(0, Math.min(1, BRUSH + 0.5 - distance));
        this.values[y * SIZE + x] = Math.max(this.values[y * SIZE + x] ?? 0, ink);
      }
    }
    this.render();
  }

  private render(): void {
    const context = this.canvas.getContext('2d');
    if (!context) return;
    for (let p = 0; p < SIZE * SIZE; p++) {
      const v = Math.round((this.values[p] ?? 0) * 255);
      context.fillStyle = `rgb(${v}, ${v}, ${v})`;
      context.fillRect((p % SIZE) * SCALE, Math.floor(p / SIZE) * SCALE, SCALE, SCALE);
    }
  }
}
