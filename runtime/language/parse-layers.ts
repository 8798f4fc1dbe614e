// Parses the `layers` list: each entry is `<type>: {params}` or a bare type name.
import type { ParsedNode } from 'yaml';
import { isLayerType, LAYER_CATALOG, layerDef, LAYER_TYPES, type LayerBody } from './layer-catalog';
import { MapReader } from './map-reader';
import { renameFix } from './rename-fix';
import { asMap, asScalar, asSeq, describeNode, scalarText, type SourceContext } from './source';
import { didYouMean } from './suggest';
import type { LayerType, Position, Range } from './types';

export interface NamedRef {
  readonly value: string;
  readonly range: Range;
  /** The quote the name was written with ('' for plain), kept by renaming quick fixes. */
  readonly quote?: string;
}

export interface ParsedLayer {
  readonly index: number;
  /** The type as written (may be unknown). */
  readonly type: string;
  readonly typeRange: Range;
  /** The whole entry. */
  readonly range: Range;
  /** Where the entry's node starts (after `- ` in a block list). */
  readonly entryStart: Position;
  readonly userId?: NamedRef;
  readonly from?: readonly NamedRef[];
  readonly fromRange?: Range;
  /** Undefined when the type is unknown or a parameter value is invalid. */
  readonly body?: LayerBody<LayerType>;
  /** Value ranges of the parameters that are present, for precise diagnostics later. */
  readonly paramRanges: ReadonlyMap<string, Range>;
}

/** Upper bound on the number of layers examined, so huge generated files stay responsive. */
export const MAX_LAYERS = 5_000;

export function parseLayers(ctx: SourceContext, node: ParsedNode | null, ownerRange: Range): ParsedLayer[] {
  const seq = asSeq(node);
  if (!seq) {
    ctx.report('error', 'structure', `'layers' must be a list of layers (got ${describeNode(node)})`, node ? ctx.rangeOf(node) : ownerRange);
    return [];
  }
  if (seq.items.length === 0) ctx.report('error', 'structure', `'layers' must not be empty`, ctx.rangeOf(seq));
  if (seq.items.length > MAX_LAYERS) {
    ctx.report('error', 'too-large', `at most ${MAX_LAYERS} layers are supported (got ${seq.items.length})`, ctx.rangeOf(seq));
    return [];
  }
  const layers: ParsedLayer[] = [];
  seq.items.forEach((item, index) => {
    const layer = parseLayer(ctx, ctx.resolve(item), index);
    if (layer) layers.push(layer);
  });
  return layers;
}

function parseLayer(ctx: SourceContext, node: ParsedNode | null, index: number): ParsedLayer | undefined {
  const range = ctx.rangeOf(node);
  const entryStart = range.start;
  const bare = asScalar(node);
  if (bare && typeof bare.value === 'string') {
    return withType(ctx, { index, type: bare.value, typeRange: range, range, entryStart }, bare, null);
  }
  const map = asMap(node);
  const first = map?.items[0];
  const key = asScalar(first?.key);
  if (!map || !first || !key || typeof key.value !== 'string') {
    ctx.report('error', 'structure', `a layer must be '<type>: {params}' or a type name (got ${describeNode(node)})`, range);
    return undefined;
  }
  for (const extra of map.items.slice(1)) {
    const extraName = scalarText(asScalar(extra.key)?.value);
    ctx.report('error', 'structure',
      `a layer entry has exactly one key, its type; move '${extraName}' into the parameters of '${key.value}' (indent it further)`,
      ctx.rangeOf(asScalar(extra.key) ?? map));
  }
  return withType(ctx, { index, type: key.value, typeRange: ctx.rangeOf(key), range, entryStart }, key, ctx.resolve(first.value));
}

interface LayerHead {
  readonly index: number;
  readonly type: string;
  readonly typeRange: Range;
  readonly range: Range;
  readonly entryStart: Position;
}

function withType(
  ctx: SourceContext,
  head: LayerHead,
  typeNode: NonNullable<ReturnType<typeof asScalar>>,
  paramsNode: ParsedNode | null,
): ParsedLayer {
  const known = isLayerType(head.type);
  if (!known) {
    const { suffix, suggestion } = didYouMean(head.type, LAYER_TYPES);
    const fixes = suggestion !== undefined ? [renameFix(typeNode, suggestion, head.typeRange)] : undefined;
    ctx.report('error', 'unknown-layer-type', `unknown layer type '${head.type}'${suffix}`, head.typeRange, fixes);
  }
  const paramsMap = asMap(paramsNode);
  const paramsScalar = asScalar(paramsNode);
  if (paramsNode && !paramsMap && !(paramsScalar && paramsScalar.value === null)) {
    ctx.report('error', 'structure', `parameters of '${head.type}' must be a map such as { ${firstParamHint(head.type)} }`, ctx.rangeOf(paramsNode));
  }
  const reader = new MapReader(ctx, paramsMap, head.typeRange, head.type);
  const userId = reader.optionalName('id');
  const from = reader.nameList('from');
  const fromRange = reader.valueRange('from');
  const paramRanges = new Map<string, Range>();
  for (const item of paramsMap?.items ?? []) {
    const name = asScalar(item.key)?.value;
    if (typeof name === 'string') paramRanges.set(name, ctx.rangeOf(ctx.resolve(item.value) ?? asScalar(item.key)));
  }
  let body: LayerBody<LayerType> | undefined;
  if (known) {
    const built = layerDef(head.type).build(reader);
    const valuesValid = !reader.failed && (paramsMap !== undefined || !paramsNode || paramsScalar?.value === null);
    reader.reportUnknownKeys('parameter', 'error');
    body = valuesValid ? built : undefined;
  }
  return {
    ...head,
    ...(userId ? { userId } : {}),
    ...(from ? { from } : {}),
    ...(fromRange ? { fromRange } : {}),
    ...(body ? { body } : {}),
    paramRanges,
  };
}

function firstParamHint(type: string): string {
  if (!isLayerType(type)) return 'id: x';
  const param = LAYER_CATALOG[type].params[0];
  return param ? `${param.name}: …` : '';
}
