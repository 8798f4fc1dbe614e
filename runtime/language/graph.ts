// Layer ids, input edges, unknown ids, cycles and a topological order.
import { isLayerType, LAYER_CATALOG } from './layer-catalog';
import { reportInvalidIds } from './layer-ids';
import type { ParsedLayer } from './parse-layers';
import type { Reporter } from './source';
import { didYouMean, NameIndex } from './suggest';

/** The id that `from` uses for the model input. */
export const MODEL_INPUT_ID = 'input';
/** Producer index of the model input. */
export const MODEL_INPUT = -1;

export interface LayerGraph {
  /** Per layer (file order): its id, the user's or a generated Keras-style one. */
  readonly ids: readonly string[];
  /** Per layer: producer indices (MODEL_INPUT for the model input); undefined when an input is unknown or wrong. */
  readonly inputs: readonly (readonly number[] | undefined)[];
  /** Layers outside cycles, each after all of its producers. */
  readonly order: readonly number[];
}

export function buildGraph(ctx: Reporter, layers: readonly ParsedLayer[]): LayerGraph {
  const ids = assignIds(ctx, layers);
  const indexOf = new Map<string, number>();
  ids.forEach((id, index) => { if (!indexOf.has(id)) indexOf.set(id, index); });
  const known = new NameIndex([MODEL_INPUT_ID, ...ids]);
  const inputs = layers.map((layer, index) => resolveInputs(ctx, layer, index, { ids, indexOf, known }));
  const order = topologicalOrder(ctx, layers, ids, inputs);
  reportUnused(ctx, layers, ids, inputs);
  return { ids, inputs, order };
}

function assignIds(ctx: Reporter, layers: readonly ParsedLayer[]): string[] {
  const taken = new Map<string, ParsedLayer>();
  for (const layer of layers) {
    const id = layer.userId;
    if (!id) continue;
    const first = taken.get(id.value);
    if (id.value === MODEL_INPUT_ID) {
      ctx.report('error', 'duplicate-id', `'${MODEL_INPUT_ID}' is reserved for the model input`, id.range);
    } else if (first) {
      ctx.report('error', 'duplicate-id', `duplicate id '${id.value}' (already used on line ${first.range.start.line + 1})`, id.range);
    } else {
      taken.set(id.value, layer);
    }
  }
  reportInvalidIds(ctx, layers, new Set(taken.keys()));
  const counters = new Map<string, number>();
  return layers.map((layer) => {
    if (layer.userId && taken.get(layer.userId.value) === layer) return layer.userId.value;
    const base = isLayerType(layer.type) ? LAYER_CATALOG[layer.type].kerasName : 'layer';
    let id: string;
    do {
      const next = (counters.get(base) ?? 0) + 1;
      counters.set(base, next);
      id = `${base}_${next}`;
    } while (taken.has(id));
    return id;
  });
}

interface IdLookup {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** For "did you mean" (built once: unknown references are compared against an index, not every id). */
  readonly known: NameIndex;
}

function resolveInputs(ctx: Reporter, layer: ParsedLayer, index: number, { ids, indexOf, known: knownIds }: IdLookup): number[] | undefined {
  const kind = isLayerType(layer.type) ? LAYER_CATALOG[layer.type].inputs : 'one';
  const where = layer.fromRange ?? layer.typeRange;
  if (!layer.from) {
    if (kind === 'many') {
      ctx.report('error', 'input-count', `'${layer.type}' merges two or more layers: name them with from: [id1, id2]`, layer.typeRange);
      return undefined;
    }
    return [index === 0 ? MODEL_INPUT : index - 1];
  }
  let known = true;
  const producers: number[] = [];
  for (const ref of layer.from) {
    if (ref.value === MODEL_INPUT_ID) {
      producers.push(MODEL_INPUT);
      continue;
    }
    const producer = indexOf.get(ref.value);
    if (producer === undefined) {
      known = false;
      const { suffix } = didYouMean(ref.value, knownIds);
      ctx.report('error', 'unknown-id', `unknown layer id '${ref.value}' in from${suffix}`, ref.range);
    } else if (producer === index) {
      known = false;
      ctx.report('error', 'cycle', `layer '${ids[index] ?? ''}' cannot take its own output as input`, ref.range);
    } else {
      producers.push(producer);
    }
  }
  if (!known) return undefined;
  if (kind === 'many' && producers.length < 2) {
    ctx.report('error', 'input-count', `'${layer.type}' needs at least two inputs in from (got ${producers.length})`, where);
    return undefined;
  }
  if (kind === 'one' && producers.length !== 1) {
    ctx.report('error', 'input-count', `'${layer.type}' takes exactly one input (got ${producers.length} in from)`, where);
    return undefined;
  }
  return producers;
}

/** Kahn's algorithm; whatever is left lies on or behind a cycle, and each cycle is reported once. */
function topologicalOrder(
  ctx: Reporter, layers: readonly ParsedLayer[], ids: readonly string[], inputs: readonly (readonly number[] | undefined)[],
): number[] {
  const pending = inputs.map((producers) => (producers ?? []).filter((p) => p !== MODEL_INPUT).length);
  const consumers = layers.map((): number[] => []);
  inputs.forEach((producers, index) => producers?.forEach((p) => { if (p !== MODEL_INPUT) consumers[p]?.push(index); }));
  const ready = pending.flatMap((count, index) => (count === 0 ? [index] : []));
  const order: number[] = [];
  for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
    order.push(next);
    for (const consumer of consumers[next] ?? []) {
      const left = (pending[consumer] ?? 0) - 1;
      pending[consumer] = left;
      if (left === 0) ready.push(consumer);
    }
  }
  if (order.length < layers.length) reportCycles(ctx, layers, ids, inputs, new Set(order));
  return order;
}

function reportCycles(
  ctx: Reporter, layers: readonly ParsedLayer[], ids: readonly string[],
  inputs: readonly (readonly number[] | undefined)[], done: ReadonlySet<number>,
): void {
  const reported = new Set<number>(); // walked already
  for (let start = 0; start < layers.length; start++) {
    if (done.has(start) || reported.has(start)) continue;
    // Every remaining layer has a remaining producer, so following producers must revisit a layer.
    const path: number[] = [];
    const seenAt = new Map<number, number>();
    let current: number | undefined = start;
    while (current !== undefined && !seenAt.has(current) && !reported.has(current)) {
      seenAt.set(current, path.length);
      path.push(current);
      current = inputs[current]?.find((p) => p !== MODEL_INPUT && !done.has(p));
    }
    // Layers on the way are done too (behind a cycle, or on this one), so every layer is walked once: linear time.
    for (const member of path) reported.add(member);
    if (current === undefined || !seenAt.has(current)) continue;
    const cycle = path.slice(seenAt.get(current) ?? 0);
    // One diagnostic per cycle, on its first layer in file order, naming at most a few members (a 5,000-layer cycle
    // used to give 5,000 diagnostics that each listed all 5,000 ids).
    const first = cycle.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const layer = layers[first];
    if (layer) ctx.report('error', 'cycle', `layer '${ids[first] ?? ''}' is part of a cycle: ${describeCycle(cycle, ids)}`, layer.fromRange ?? layer.typeRange);
  }
}

const CYCLE_IDS_SHOWN = 8;

/** `a → c → b → a`, or its first ids and `… (N layers)` for long cycles. */
function describeCycle(cycle: readonly number[], ids: readonly string[]): string {
  const ordered = [...cycle].reverse();
  const names = ordered.slice(0, CYCLE_IDS_SHOWN).map((i) => ids[i] ?? '?');
  if (ordered.length > CYCLE_IDS_SHOWN) return `${names.join(' → ')} → … (${ordered.length} layers)`;
  return [...names, ids[ordered[0] ?? 0] ?? '?'].join(' → ');
}

function reportUnused(
  ctx: Reporter, layers: readonly ParsedLayer[], ids: readonly string[], inputs: readonly (readonly number[] | undefined)[],
): void {
  if (inputs.some((producers) => producers === undefined)) return; // broken edges would make this noise
  const used = new Set<number>();
  for (const producers of inputs) producers?.forEach((p) => used.add(p));
  layers.forEach((layer, index) => {
    if (index === layers.length - 1 || used.has(index) || inputs[index] === undefined) return;
    ctx.report('warning', 'unused-layer',
      `the output of '${ids[index] ?? ''}' is not used by any layer (only the last layer is the model output)`, layer.typeRange);
  });
}
