// Robust accuracy against ε as an SVG line chart: this run's curve solid, other runs' stored curves dashed, each in a
// theme chart colour, with a legend naming the run and attack. Text is only ever set as text.
export interface ChartCurve {
  readonly label: string;
  readonly epsilons: readonly number[];
  readonly accuracy: readonly number[];
  /** This run's curve (solid and first in the legend). */
  readonly own: boolean;
}

const COLOURS = ['blue', 'red', 'green', 'yellow', 'purple', 'orange'].map((name) => `var(--vscode-charts-${name})`);
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 360;
const HEIGHT = 200;
const MARGIN = { left: 40, right: 10, top: 10, bottom: 28 };

function svg<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** Replaces `host`'s content with the chart and its legend; returns the number of curves drawn. */
export function drawRobustnessChart(host: HTMLElement, curves: readonly ChartCurve[]): number {
  const drawn = curves.filter((curve) => curve.epsilons.length > 0);
  const maxEpsilon = Math.max(0.01, ...drawn.flatMap((curve) => curve.epsilons));
  const x = (epsilon: number): number => MARGIN.left + (epsilon / maxEpsilon) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (accuracy: number): number => HEIGHT - MARGIN.bottom - accuracy * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'robustness-svg', role: 'img', 'aria-label': 'Robust accuracy against epsilon' });
  const axis = (x1: number, y1: number, x2: number, y2: number): SVGLineElement => {
    const line = svg('line', { x1, y1, x2, y2, class: 'axis' });
    line.style.stroke = 'var(--vscode-foreground)';
    return line;
  };
  chart.append(axis(MARGIN.left, y(0), WIDTH - MARGIN.right, y(0)), axis(MARGIN.left, y(0), MARGIN.left, y(1)));
  const label = (text: string, attributes: Record<string, string | number>): SVGTextElement => {
    const element = svg('text', { 'font-size': 10, ...attributes });
    element.style.fill = 'var(--vscode-foreground)';
    element.textContent = text;
    return element;
  };
  for (const tick of [0, 0.5, 1]) chart.append(label(`${tick * 100}%`, { x: 4, y: y(tick) + 3 }));
  for (const tick of [0, maxEpsilon / 2, maxEpsilon]) chart.append(label(String(Number(tick.toPrecision(2))), { x: x(tick) - 6, y: HEIGHT - 14 }));
  chart.append(label('ε', { x: WIDTH / 2, y: HEIGHT - 2 }));
  const legend = document.createElement('ul');
  legend.className = 'chart-legend';
  drawn.forEach((curve, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? 'var(--vscode-foreground)';
    const order = curve.epsilons.map((e, k) => [e, curve.accuracy[k] ?? 0] as const).sort((a, b) => a[0] - b[0]);
    const line = svg('polyline', { points: order.map(([e, a]) => `${x(e)},${y(a)}`).join(' '), fill: 'none', 'stroke-width': curve.own ? 2 : 1.5, class: 'curve' });
    line.style.stroke = colour;
    if (!curve.own) line.setAttribute('stroke-dasharray', '4 3');
    chart.append(line);
    for (const [e, a] of order) {
      const point = svg('circle', { cx: x(e), cy: y(a), r: 2.5 });
      point.style.fill = colour;
      chart.append(point);
    }
    const entry = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    entry.append(swatch, document.createTextNode(curve.label));
    legend.append(entry);
  });
  host.replaceChildren(chart, legend);
  return drawn.length;
}
