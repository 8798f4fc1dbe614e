// `task: gan`: `generator: { latent, layers }` and `discriminator: { layers }` take the place of `layers`.
import type { YAMLMap } from 'yaml';
import { MapReader } from './map-reader';
import { parseLayers, type ParsedLayer } from './parse-layers';
import { asMap, describeNode, type SourceContext } from './source';
import type { Range } from './types';

export interface ParsedGan {
  /** Length of the generator's noise vector z. */
  readonly latent: number;
  readonly generator: readonly ParsedLayer[];
  readonly discriminator: readonly ParsedLayer[];
  /** The `generator` and `discriminator` keys, for model-level problems. */
  readonly generatorRange: Range;
  readonly discriminatorRange: Range;
}

/** Undefined when a section is missing or malformed (diagnostics are reported). */
export function parseGan(ctx: SourceContext, root: YAMLMap<unknown, unknown>, model: MapReader, fallback: Range): ParsedGan | undefined {
  if (model.has('layers')) {
    ctx.report('error', 'structure', `a gan has 'generator' and 'discriminator' instead of 'layers'`, model.keyRange('layers') ?? fallback);
  }
  const generator = section(ctx, root, model, 'generator', fallback, true);
  const discriminator = section(ctx, root, model, 'discriminator', fallback, false);
  if (!generator || !discriminator || generator.latent === undefined) return undefined;
  return {
    latent: generator.latent, generator: generator.layers, discriminator: discriminator.layers,
    generatorRange: generator.range, discriminatorRange: discriminator.range,
  };
}

function section(
  ctx: SourceContext, root: YAMLMap<unknown, unknown>, model: MapReader, key: 'generator' | 'discriminator', fallback: Range, hasLatent: boolean,
): { latent?: number; layers: ParsedLayer[]; range: Range } | undefined {
  const range = model.keyRange(key) ?? fallback;
  if (!model.has(key)) {
    const example = hasLatent ? '{ latent: 64, layers: [...] }' : '{ layers: [...] }';
    ctx.report('error', 'missing-value', `task: gan needs '${key}': ${example}`, fallback);
    return undefined;
  }
  const node = ctx.resolve(root.get(key, true));
  const map = asMap(node);
  if (!map) {
    ctx.report('error', 'structure', `'${key}' must be a map with 'layers' (got ${describeNode(node)})`, ctx.rangeOf(node));
    return undefined;
  }
  const r = new MapReader(ctx, map, range, key);
  const latent = hasLatent ? r.requiredNumber('latent', { integer: true, min: 1, max: 100_000 }, 1) : undefined;
  const layers = r.has('layers') ? parseLayers(ctx, ctx.resolve(map.get('layers', true)), r.keyRange('layers') ?? range) : [];
  if (!r.has('layers')) ctx.report('error', 'missing-value', `${key}: 'layers' is required`, range);
  r.reportUnknownKeys('key', 'warning');
  if (r.failed) return undefined;
  return { ...(latent !== undefined ? { latent } : {}), layers, range };
}
