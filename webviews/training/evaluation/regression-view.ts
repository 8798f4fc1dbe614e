// The evaluation of a regression model: MSE/MAE/R² in the target's units, predicted against true with the identity
// line, a residual histogram, and for one input the data with the fitted curve (and w, b of a linear model).
import type { Evaluation } from '../protocol';
import { formatMetric } from '../ui/format';
import { createPlot, drawLine, drawPoints, extent, figure } from './plot';

type Regression = Extract<Evaluation, { task: 'regression' }>;

const BINS = 20;

/** Counts of `values` in `bins` equal bins over [min, max]. */
export function histogram(values: readonly number[], bins: number): { min: number; max: number; counts: number[] } {
  const [min, max] = extent(values);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * bins)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { min, max, counts };
}

export function regressionView(evaluation: Regression): HTMLElement[] {
  const units = evaluation.units ? ` ${evaluation.units}` : '';
  const summary = document.createElement('p');
  summary.className = 'evaluation-summary';
  summary.textContent = `MSE ${formatMetric(evaluation.mse)}${units ? `${units}²` : ''} · MAE ${formatMetric(evaluation.mae)}${units}`
    + ` · R² ${formatMetric(evaluation.r2)} on ${evaluation.count} validation examples`;
  const parts: HTMLElement[] = [summary];
  const target = evaluation.targetNames[0] ?? 'y';
  if (evaluation.linear) {
    const line = document.createElement('p');
    line.className = 'linear-fit';
    line.dataset.w = String(evaluation.linear.w);
    line.dataset.b = String(evaluation.linear.b);
    const input = evaluation.inputName ?? 'x';
    line.textContent = `learned line: ${target} = ${formatMetric(evaluation.linear.w)} · ${input} ${evaluation.linear.b < 0 ? '−' : '+'} `
      + `${formatMetric(Math.abs(evaluation.linear.b))}${units}${evaluation.inputUnits ? ` (${input} in ${evaluation.inputUnits})` : ''}`;
    parts.push(line);
  }
  const plots = document.createElement('div');
  plots.className = 'plots';
  const width = evaluation.targetNames.length || 1;
  const truth = evaluation.targets.filter((_, i) => i % width === 0);
  const predicted = evaluation.predictions.filter((_, i) => i % width === 0);
  const range = extent([...truth, ...predicted]);
  const scatter = createPlot('predicted against true', { min: range[0], max: range[1], label: `true ${target}${units}` },
    { min: range[0], max: range[1], label: `predicted${units}` });
  drawLine(scatter, range, range, scatter.theme.grid);
  drawPoints(scatter, truth, predicted, scatter.theme.seriesColours[0] ?? scatter.theme.foreground);
  plots.append(figure('Predicted vs true (identity line)', scatter.canvas));
  const residuals = predicted.map((p, i) => p - (truth[i] ?? 0));
  const bins = histogram(residuals, BINS);
  const top = Math.max(1, ...bins.counts);
  const hist = createPlot('residual histogram', { min: bins.min, max: bins.max, label: `residual${units}` }, { min: 0, max: top, label: 'examples' });
  hist.context.fillStyle = hist.theme.seriesColours[3] ?? hist.theme.foreground;
  bins.counts.forEach((count, k) => {
    const x0 = hist.x(bins.min + ((bins.max - bins.min) * k) / BINS);
    const x1 = hist.x(bins.min + ((bins.max - bins.min) * (k + 1)) / BINS);
    hist.context.fillRect(x0 + 1, hist.y(count), Math.max(1, x1 - x0 - 2), hist.y(0) - hist.y(count));
  });
  plots.append(figure('Residuals (predicted − true)', hist.canvas));
  if (evaluation.inputs && evaluation.curve) {
    const xs = evaluation.inputs;
    const xRange = extent([...xs, ...evaluation.curve.x]);
    const yRange = extent([...truth, ...evaluation.curve.y]);
    const fit = createPlot('data and fitted curve', { min: xRange[0], max: xRange[1], label: `${evaluation.inputName ?? 'x'}${evaluation.inputUnits ? ` (${evaluation.inputUnits})` : ''}` },
      { min: yRange[0], max: yRange[1], label: `${target}${units}` });
    drawPoints(fit, xs, truth, fit.theme.seriesColours[0] ?? fit.theme.foreground);
    drawLine(fit, evaluation.curve.x, evaluation.curve.y, fit.theme.seriesColours[1] ?? fit.theme.foreground);
    plots.append(figure('Validation data and the model\'s curve', fit.canvas));
  }
  parts.push(plots);
  return parts;
}
