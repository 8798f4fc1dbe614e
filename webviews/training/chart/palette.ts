/**
 * Colours of the training chart. Every colour comes from the VS Code theme (CSS variables, read by
 * chart-theme.ts); this module only derives further colours from them: mixes of two theme colours
 * for runs beyond the base six, then dash patterns once mixes run out, and translucent variants for
 * the raw series drawn under a smoothed line.
 */

export interface ChartTheme {
  /** Axis labels and ticks (--vscode-foreground). */
  foreground: string;
  /** Grid lines and axis lines (--vscode-editorWidget-border). */
  grid: string;
  /** Background of exported images (--vscode-editor-background). */
  background: string;
  /** Base series colours from --vscode-charts-*, in palette order. */
  seriesColours: readonly string[];
}

export interface SeriesStyle {
  stroke: string;
  /** Canvas line dash; empty for a solid line. */
  dash: number[];
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const DASHES: readonly number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

/** Style for the series at `index` (0-based; every run/series gets the next index). */
export function seriesStyle(base: readonly string[], index: number): SeriesStyle {
  const colours = derivedPalette(base);
  if (colours.length === 0) return { stroke: '', dash: [] };
  const cycle = Math.floor(index / colours.length);
  return {
    stroke: colours[index % colours.length] ?? '',
    dash: [...(DASHES[cycle % DASHES.length] ?? [])],
  };
}

/** The base colours followed by the 50/50 mix of every pair of them (i < j). */
export function derivedPalette(base: readonly string[]): string[] {
  const result = [...base];
  for (let i = 0; i < base.length; i++) {
    for (let j = i + 1; j < base.length; j++) {
      const mixed = mixColours(base[i] ?? '', base[j] ?? '');
      if (mixed !== undefined) result.push(mixed);
    }
  }
  return result;
}

/** 50/50 sRGB mix, or undefined if either colour is not #hex or rgb()/rgba(). */
export function mixColours(first: string, second: string): string | undefined {
  const a = parseColour(first);
  const b = parseColour(second);
  if (!a || !b) return undefined;
  return formatRgba({ r: (a.r + b.r) / 2, g: (a.g + b.g) / 2, b: (a.b + b.b) / 2, a: (a.a + b.a) / 2 });
}

/** The colour with its alpha multiplied by `alpha`; unparsable colours are returned unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const parsed = parseColour(colour);
  return parsed ? formatRgba({ ...parsed, a: parsed.a * alpha }) : colour;
}

/** Parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(r, g, b) and rgba(r, g, b, a) (what canvas normalises to). */
export function parseColour(css: string): Rgba | undefined {
  const text = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text)?.[1];
  if (hex !== undefined) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r, g, b, a] = digits.map((d) => parseInt(d, 16));
    return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: a === undefined ? 1 : a / 255 };
  }
  const functional = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(text);
  if (functional) {
    const alphaText = functional[4];
    const alpha = alphaText === undefined ? 1
      : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
    return { r: Number(functional[1]), g: Number(functional[2]), b: Number(functional[3]), a: alpha };
  }
  return undefined;
}

function formatRgba(c: Rgba): string {
  const channel = (v: number): number => Math.round(Math.min(255, Math.max(0, v)));
  const alpha = Math.round(Math.min(1, Math.max(0, c.a)) * 1000) / 1000;
  return `rgba(${channel(c.r)}, ${channel(c.g)}, ${channel(c.b)}, ${alpha})`;
}
