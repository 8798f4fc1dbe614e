// Checks the ids the `init` section names and decides which layers the model check shows as frozen.
import { frozenIds, type ParsedInit } from './parse-init';
import type { NamedRef } from './parse-layers';
import type { Reporter } from './source';
import { didYouMean } from './suggest';

/** Reports ids of `init.layers` and `init.freeze` that name no layer; returns the ids shown as frozen. */
export function checkInitIds(report: Reporter, init: ParsedInit | undefined, ids: readonly string[]): ReadonlySet<string> {
  if (!init) return new Set();
  const known = new Set(ids);
  const refs: { what: string; ref: NamedRef }[] = [
    ...init.ranges.layers.map((l) => ({ what: 'init.layers', ref: { value: l.id, range: l.range } })),
    ...init.freezeRefs.map((ref) => ({ what: 'init.freeze', ref })),
  ];
  for (const { what, ref } of refs) {
    if (known.has(ref.value)) continue;
    const { suffix } = didYouMean(ref.value, ids);
    report.report('error', 'unknown-id', `${what}: no layer has the id '${ref.value}'${suffix}`, ref.range);
  }
  return new Set([...frozenIds(init.spec)].filter((id) => known.has(id)));
}
