// Activation maximization's objective against the step, on a small canvas in the theme's colours (the line in
// --vscode-charts-blue, axes and labels in --vscode-foreground, the snapshot steps marked), redrawn on theme changes.

const WIDTH = 320;
const HEIGHT = 120;
const MARGIN = { left: 44, right: 8, top: 8, bottom: 20 };

/**
 * Draws `score` into `canvas`: `score[i]` is the objective before step i + 1's update, i.e. of the image after i steps,
 * so the x axis counts steps done (0 … n − 1). `marks`: steps after which a snapshot was kept, marked on the curve (the
 * last snapshot, after all n steps, is marked at the curve's end).
 */
export function drawScoreCurve(canvas: HTMLCanvasElement, score: readonly number[], marks: readonly number[]): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(WIDTH * ratio);
  canvas.height = Math.round(HEIGHT * ratio);
  canvas.style.width = `${WIDTH}px`;
  canvas.style.height = `${HEIGHT}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  const style = getComputedStyle(canvas);
  const foreground = style.getPropertyValue('--vscode-foreground').trim() || style.color;
  const line = style.getPropertyValue('--vscode-charts-blue').trim() || foreground;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, WIDTH, HEIGHT);
  const finite = score.filter(Number.isFinite);
  if (finite.length === 0) return;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low || Math.abs(high) || 1;
  const last = Math.max(score.length - 1, 1);
  const x = (done: number): number => MARGIN.left + (done / last) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (value: number): number => HEIGHT - MARGIN.bottom - ((value - low) / span) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  context.strokeStyle = foreground;
  context.fillStyle = foreground;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(MARGIN.left, MARGIN.top);
  context.lineTo(MARGIN.left, HEIGHT - MARGIN.bottom);
  context.lineTo(WIDTH - MARGIN.right, HEIGHT - MARGIN.bottom);
  context.stroke();
  context.font = `10px ${style.fontFamily}`;
  context.textBaseline = 'middle';
  context.fillText(high.toPrecision(3), 2, y(high));
  context.fillText(low.toPrecision(3), 2, y(low));
  context.textBaseline = 'alphabetic';
  context.fillText('0', MARGIN.left, HEIGHT - 6);
  context.textAlign = 'right';
  context.fillText(`${score.length - 1} steps`, WIDTH - MARGIN.right, HEIGHT - 6);
  context.textAlign = 'left';
  context.strokeStyle = line;
  context.lineWidth = 1.5;
  context.beginPath();
  score.forEach((value, i) => {
    if (!Number.isFinite(value)) return;
    if (i === 0) context.moveTo(x(i), y(value));
    else context.lineTo(x(i), y(value));
  });
  context.stroke();
  context.fillStyle = line;
  for (const step of marks) {
    const done = Math.min(step, score.length - 1);
    const value = score[done];
    if (value === undefined || !Number.isFinite(value)) continue;
    context.beginPath();
    context.arc(x(done), y(value), 2.5, 0, 2 * Math.PI);
    context.fill();
  }
}
