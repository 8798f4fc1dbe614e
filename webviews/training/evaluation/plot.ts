// A small canvas plot with two linear axes, for the evaluation views (scatter, histogram, fitted curve). Colours come
// from the theme (readChartTheme reads the --vscode-* variables).
import { readChartTheme } from '../chart/chart-theme';
import type { ChartTheme } from '../chart/palette';
import { formatMetric } from '../ui/format';

export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly label: string;
}

export interface Plot {
  readonly canvas: HTMLCanvasElement;
  readonly context: CanvasRenderingContext2D;
  readonly theme: ChartTheme;
  /** Canvas pixel of a data point. */
  x(value: number): number;
  y(value: number): number;
}

const MARGIN = { left: 48, right: 22, top: 8, bottom: 32 };

/** The range of `values` (finite ones), widened a little; [0, 1] when there are none. */
export function extent(values: Iterable<number>): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return [0, 1];
  const pad = max > min ? (max - min) * 0.05 : 1;
  return [min - pad, max + pad];
}

export function createPlot(title: string, xAxis: Axis, yAxis: Axis, size = { width: 300, height: 220 }): Plot {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas context');
  const theme = readChartTheme(document.body);
  const width = size.width - MARGIN.left - MARGIN.right;
  const height = size.height - MARGIN.top - MARGIN.bottom;
  const plot: Plot = {
    canvas, context, theme,
    x: (v) => MARGIN.left + ((v - xAxis.min) / (xAxis.max - xAxis.min || 1)) * width,
    y: (v) => MARGIN.top + height - ((v - yAxis.min) / (yAxis.max - yAxis.min || 1)) * height,
  };
  context.strokeStyle = theme.grid;
  context.strokeRect(MARGIN.left, MARGIN.top, width, height);
  context.fillStyle = theme.foreground;
  context.font = '10px sans-serif';
  context.textAlign = 'center';
  context.fillText(formatMetric(xAxis.min), MARGIN.left, size.height - 18);
  context.fillText(formatMetric(xAxis.max), MARGIN.left + width, size.height - 18);
  context.fillText(xAxis.label, MARGIN.left + width / 2, size.height - 4);
  context.textAlign = 'right';
  context.fillText(formatMetric(yAxis.max), MARGIN.left - 4, MARGIN.top + 8);
  context.fillText(formatMetric(yAxis.min), MARGIN.left - 4, MARGIN.top + height);
  context.save();
  context.translate(10, MARGIN.top + height / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText(yAxis.label, 0, 0);
  context.restore();
  return plot;
}

export function drawPoints(plot: Plot, xs: readonly number[], ys: readonly number[], colour: string, radius = 2): void {
  plot.context.fillStyle = colour;
  for (let i = 0; i < xs.length; i++) {
    plot.context.beginPath();
    plot.context.arc(plot.x(xs[i] ?? 0), plot.y(ys[i] ?? 0), radius, 0, 2 * Math.PI);
    plot.context.fill();
  }
}

export function drawLine(plot: Plot, xs: readonly number[], ys: readonly number[], colour: string): void {
  const { context } = plot;
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  xs.forEach((x, i) => {
    if (i === 0) context.moveTo(plot.x(x), plot.y(ys[i] ?? 0));
    else context.lineTo(plot.x(x), plot.y(ys[i] ?? 0));
  });
  context.stroke();
  context.lineWidth = 1;
}

/** A figure: a caption above the element. */
export function figure(caption: string, element: HTMLElement): HTMLElement {
  const wrapper = document.createElement('figure');
  const text = document.createElement('figcaption');
  text.textContent = caption;
  wrapper.append(text, element);
  return wrapper;
}
