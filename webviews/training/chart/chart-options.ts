import type uPlot from 'uplot';
import type { SeriesLayers } from './chart-model';
import { seriesStyle, withAlpha, type ChartTheme } from './palette';

export type XAxisKind = 'step' | 'epoch';
export type YScaleKind = 'linear' | 'log';

/** Opacity of the raw series drawn under a smoothed line. */
const RAW_UNDER_SMOOTHED_ALPHA = 0.3;

export interface ChartOptionInputs {
  title: string;
  width: number;
  height: number;
  xAxis: XAxisKind;
  yScale: YScaleKind;
  theme: ChartTheme;
  layers: readonly SeriesLayers[];
  /** CSS font family for axes (e.g. from --vscode-font-family); uPlot's default when empty. */
  fontFamily: string;
  /** Fired when the user drags out an x range to zoom to. */
  onZoomSelect: (min: number, max: number) => void;
  /** Double-click: show all data again. */
  onResetZoom: () => void;
}

/** Which uPlot series (index ≥ 1) belong to which layer; index 0 of uPlot is x. */
export interface SeriesSlot {
  layer: SeriesLayers;
  role: 'raw' | 'smoothed';
}

export function seriesSlots(layers: readonly SeriesLayers[]): SeriesSlot[] {
  return layers.flatMap((layer): SeriesSlot[] => layer.smoothed
    ? [{ layer, role: 'raw' }, { layer, role: 'smoothed' }]
    : [{ layer, role: 'raw' }]);
}

/** Legend number: integers as they are, others to 7 significant digits (float32 precision). */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(7)));
}

export function buildChartOptions(input: ChartOptionInputs): uPlot.Options {
  const { theme } = input;
  const font = input.fontFamily ? `11px ${input.fontFamily}` : undefined;
  const axisLabel = input.xAxis === 'step' ? 'Step' : 'Epoch';
  const axisStyle = {
    stroke: theme.foreground,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...(font ? { font, labelFont: font } : {}),
  };
  const legendValue = (self: uPlot, _raw: number, seriesIndex: number, index: number | null): string => {
    const y = index === null ? undefined : self.data[seriesIndex]?.[index];
    if (index === null || y === null || y === undefined) return '–';
    const x = self.data[0][index];
    const cursorIndex = self.cursor.idx;
    const cursorX = cursorIndex === null || cursorIndex === undefined ? x : self.data[0][cursorIndex];
    // The hovered point of this series may sit at another x than the cursor column: say which.
    return x === cursorX || x === undefined ? formatValue(y) : `${formatValue(y)} @ ${formatValue(x)}`;
  };
  const series: uPlot.Series[] = [{ label: axisLabel, value: (_self, x) => (x === null ? '–' : formatValue(x)) }];
  for (const slot of seriesSlots(input.layers)) {
    const style = seriesStyle(theme.seriesColours, slot.layer.colourIndex);
    const dash = slot.layer.spec.lineDash ?? style.dash;
    const underSmoothed = slot.role === 'raw' && slot.layer.smoothed !== undefined;
    series.push({
      label: underSmoothed ? `${slot.layer.spec.label} (raw)` : slot.layer.spec.label,
      // The faint raw layer under a smoothed line keeps a legend entry (hover values) that CSS may fold away.
      ...(underSmoothed ? { class: 'raw-series' } : {}),
      stroke: underSmoothed ? withAlpha(style.stroke, RAW_UNDER_SMOOTHED_ALPHA) : style.stroke,
      width: underSmoothed ? 1 : 1.5,
      dash,
      spanGaps: true,
      // Point markers: always for sparse series (validation, once per epoch); otherwise uPlot shows them once zoomed
      // in far enough; never for the faint raw layer.
      points: underSmoothed ? { show: false }
        : slot.layer.spec.markers ? { show: true, size: 5, width: 1, stroke: style.stroke, fill: style.stroke }
          : { fill: theme.background },
      value: legendValue,
    });
  }
  return {
    title: input.title,
    width: input.width,
    height: input.height,
    series,
    scales: {
      x: { time: false },
      y: input.yScale === 'log' ? { distr: 3, log: 10 } : { distr: 1 },
    },
    axes: [{ ...axisStyle, label: axisLabel }, { ...axisStyle }],
    legend: { live: true },
    cursor: {
      // We zoom ourselves (onZoomSelect) so that the new range is re-bucketed from all points.
      drag: { x: true, y: false, setScale: false },
      hover: { skip: [null, undefined] },
      bind: {
        dblclick: () => () => {
          input.onResetZoom();
          return null;
        },
      },
    },
    hooks: {
      setSelect: [(self) => {
        const { left, width } = self.select;
        if (width <= 0) return;
        const min = self.posToVal(left, 'x');
        const max = self.posToVal(left + width, 'x');
        self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        input.onZoomSelect(min, max);
      }],
    },
  };
}
