// The toolbar's view settings: defaults, validation of what comes back from saved state, and the chart's smoothing.
import type { SmoothingSpec } from '../chart/chart';
import type { SmoothingMethod, ViewSettings } from '../protocol';

export const DEFAULT_VIEW_SETTINGS: ViewSettings = { xAxis: 'step', yScale: 'linear', smoothingMethod: 'ema', smoothing: 60 };

const METHODS: readonly SmoothingMethod[] = ['ema', 'centred', 'trailing'];

/** Settings from saved state or a message, with anything unknown replaced by the default. */
export function sanitiseSettings(value: Partial<ViewSettings> | undefined): ViewSettings {
  const d = DEFAULT_VIEW_SETTINGS;
  if (!value) return d;
  const smoothing = typeof value.smoothing === 'number' && Number.isFinite(value.smoothing)
    ? Math.min(100, Math.max(0, Math.round(value.smoothing))) : d.smoothing;
  return {
    xAxis: value.xAxis === 'epoch' ? 'epoch' : 'step',
    yScale: value.yScale === 'log' ? 'log' : 'linear',
    smoothingMethod: value.smoothingMethod && METHODS.includes(value.smoothingMethod) ? value.smoothingMethod : d.smoothingMethod,
    smoothing,
  };
}

/** Slider 0 → raw only; EMA β = 0.99·s/100; moving averages over 1 + 2·round(s/2) points (odd, so centred is centred). */
export function smoothingSpec(settings: ViewSettings): SmoothingSpec {
  const s = settings.smoothing;
  if (s <= 0) return { type: 'none' };
  switch (settings.smoothingMethod) {
    case 'ema': return { type: 'ema', beta: Math.round(99 * s) / 10000 };
    case 'centred': return { type: 'centred', window: 1 + 2 * Math.round(s / 2) };
    case 'trailing': return { type: 'trailing', window: 1 + 2 * Math.round(s / 2) };
    default: {
      const unexpected: never = settings.smoothingMethod;
      throw new Error(`unknown smoothing ${String(unexpected)}`);
    }
  }
}

/** `β 0.59` or `window 61`, next to the slider. */
export function describeSmoothing(settings: ViewSettings): string {
  const spec = smoothingSpec(settings);
  switch (spec.type) {
    case 'none': return 'off';
    case 'ema': return `β ${spec.beta.toFixed(2)}`;
    case 'centred':
    case 'trailing': return `window ${spec.window}`;
    default: {
      const unexpected: never = spec;
      throw new Error(`unknown smoothing ${JSON.stringify(unexpected)}`);
    }
  }
}
