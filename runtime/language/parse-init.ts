// The `init` section (transfer learning): where the starting weights come from, which layers get them, which freeze.
import type { ParsedNode } from 'yaml';
import { MapReader } from './map-reader';
import type { NamedRef } from './parse-layers';
import { asMap, asScalar, describeNode, type SourceContext } from './source';
import type { InitRanges, InitSpec, Range } from './types';

export interface ParsedInit {
  readonly spec: InitSpec;
  readonly ranges: InitRanges;
  /** The ids of a `freeze` list, for the unknown-id check. */
  readonly freezeRefs: readonly NamedRef[];
}

/** Returns undefined when the section is invalid (diagnostics are reported). */
export function parseInit(ctx: SourceContext, node: ParsedNode | null, keyRange: Range): ParsedInit | undefined {
  const map = asMap(node);
  if (!map) {
    ctx.report('error', 'structure', `'init' must be a map such as { from: pretrain.model.yaml, freeze: true } (got ${describeNode(node)})`, ctx.rangeOf(node));
    return undefined;
  }
  const r = new MapReader(ctx, map, keyRange, 'init');
  if (!r.has('from')) {
    r.failed = true;
    ctx.report('error', 'missing-value', `init: 'from' is required: a run folder or a model file whose latest completed run is used`, keyRange);
  }
  const from = r.optionalString('from');
  const layers = r.nameList('layers');
  const freezeNode = r.has('freeze') ? ctx.resolve(map.get('freeze', true)) : undefined;
  const freezeFlag = asScalar(freezeNode)?.value;
  const freezeRefs = typeof freezeFlag === 'boolean' || freezeNode === undefined ? [] : r.nameList('freeze');
  if (freezeRefs === undefined) {
    r.failed = true;
    ctx.report('error', 'bad-value', `init: 'freeze' must be true, false or a list of layer ids`, r.valueRange('freeze') ?? keyRange);
  }
  r.reportUnknownKeys('key', 'warning');
  if (r.failed || from === undefined || freezeRefs === undefined) return undefined;
  const freeze = typeof freezeFlag === 'boolean' ? freezeFlag : freezeNode === undefined ? false : freezeRefs.map((ref) => ref.value);
  return {
    spec: { from, freeze, ...(layers ? { layers: layers.map((ref) => ref.value) } : {}) },
    ranges: { from: r.valueRange('from') ?? keyRange, layers: (layers ?? []).map((ref) => ({ id: ref.value, range: ref.range })) },
    freezeRefs,
  };
}

/**
 * Ids the check can show as frozen: the `freeze` list, or with `freeze: true` the `layers` list. With `freeze: true`
 * and no `layers`, which layers load is only known when the weights are read, so none is shown.
 */
export function frozenIds(init: InitSpec): ReadonlySet<string> {
  if (typeof init.freeze !== 'boolean') return new Set(init.freeze);
  return new Set(init.freeze ? init.layers ?? [] : []);
}
