import type { ChartTheme } from './palette';

/** Theme variables the chart reads; nothing else supplies colour. */
export const SERIES_COLOUR_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-red',
  '--vscode-charts-green',
  '--vscode-charts-orange',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
] as const;

/**
 * Reads the chart colours from the VS Code theme variables in effect on `element`. Values are
 * normalised through a canvas (so any CSS colour syntax becomes #rrggbb or rgba()). A variable the
 * host does not define falls back to --vscode-foreground, then to the element's computed text colour.
 */
export function readChartTheme(element: HTMLElement): ChartTheme {
  const style = getComputedStyle(element);
  const context = document.createElement('canvas').getContext('2d');
  const normalise = (value: string, fallback: string): string => {
    if (!context) return value || fallback;
    context.fillStyle = fallback;
    if (value) context.fillStyle = value;
    return typeof context.fillStyle === 'string' ? context.fillStyle : fallback;
  };
  const textColour = normalise(style.color, 'black');
  const read = (name: string, fallback: string): string => normalise(style.getPropertyValue(name).trim(), fallback);
  const foreground = read('--vscode-foreground', textColour);
  return {
    foreground,
    grid: read('--vscode-editorWidget-border', foreground),
    background: read('--vscode-editor-background', 'transparent'),
    seriesColours: SERIES_COLOUR_VARIABLES.map((name) => read(name, foreground)),
  };
}
