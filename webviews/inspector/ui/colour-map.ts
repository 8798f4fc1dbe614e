/**
 * Colour maps built from the theme's own colours, so feature maps read well in light, dark and high-contrast themes:
 * sequential (background → blue → foreground) for non-negative values, diverging (blue ← background → red) for
 * signed ones, centred on zero. Each map is a 256-entry RGBA lookup table.
 */

export interface ColourMaps {
  readonly sequential: Uint8ClampedArray;
  readonly diverging: Uint8ClampedArray;
}

type Rgb = readonly [number, number, number];

/** Reads the stops from `--vscode-*` variables on `element` (computed, so theme changes are picked up). */
export function themeColourMaps(element: HTMLElement): ColourMaps {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: Rgb): Rgb => parseColour(style.getPropertyValue(name).trim()) ?? fallback;
  const background = read('--vscode-editor-background', [30, 30, 30]);
  const foreground = read('--vscode-editor-foreground', read('--vscode-foreground', [220, 220, 220]));
  const blue = read('--vscode-charts-blue', [55, 148, 255]);
  const red = read('--vscode-charts-red', [241, 76, 76]);
  return { sequential: lookupTable([background, blue, foreground]), diverging: lookupTable([blue, background, red]) };
}

/** 256 RGBA entries interpolated linearly between evenly spaced stops. */
export function lookupTable(stops: readonly Rgb[]): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 4);
  const last = stops.length - 1;
  for (let i = 0; i < 256; i++) {
    const position = (i / 255) * last;
    const index = Math.min(last - 1, Math.floor(position));
    const t = position - index;
    const from = stops[index] ?? [0, 0, 0];
    const to = stops[index + 1] ?? from;
    for (let k = 0; k < 3; k++) table[i * 4 + k] = Math.round((from[k] ?? 0) + ((to[k] ?? 0) - (from[k] ?? 0)) * t);
    table[i * 4 + 3] = 255;
  }
  return table;
}

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour → RGB, through a canvas (which normalises to #rrggbb or rgba()). Undefined when not a colour. */
export function parseColour(value: string): Rgb | undefined {
  if (!value) return undefined;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return undefined;
  probe.fillStyle = '#000001';
  probe.fillStyle = value;
  const normalised = String(probe.fillStyle);
  if (normalised === '#000001') return undefined;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normalised);
  if (hex) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(normalised);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}
