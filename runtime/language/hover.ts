// Hover markdown for a layer, and lookups from an editor position to a layer or parameter.
import { formatCount } from './counts';
import { formatShape } from './infer';
import { COMMON_PARAMS, isLayerType, LAYER_CATALOG } from './layer-catalog';
import type { LayerInfo, ModelCheck, Position, Range, ReceptiveField } from './types';

/** Extra content appended after the static analysis, e.g. "Last run" statistics from the runtime. */
export interface HoverSection {
  readonly title: string;
  /** Markdown body of the section. */
  readonly markdown: string;
}

const formatField = (field: ReceptiveField): string => {
  const round = (n: number) => formatCount(Math.round(n * 100) / 100);
  return `${round(field.size[0])}×${round(field.size[1])} (jump ${round(field.jump[0])}×${round(field.jump[1])})`;
};

export function layerHoverMarkdown(layer: LayerInfo, extraSections: readonly HoverSection[] = []): string {
  const doc = isLayerType(layer.type) ? LAYER_CATALOG[layer.type].doc : 'Unknown layer type.';
  const inputs = layer.inputShapes.length > 0 ? layer.inputShapes.map((s) => `\`${formatShape(s)}\``).join(' + ') : '`?`';
  const output = layer.outputShape ? `\`${formatShape(layer.outputShape)}\`` : '`?`';
  const rows = [
    `| Params | ${layer.paramFormula ? layer.paramFormula.replace(/= ([\d,]+)/, '= **$1**') : '0'} |`,
    ...(layer.frozen ? [`| Frozen | weights from \`init\`, not trained (0 trainable) |`] : []),
    ...(layer.trainableParams !== layer.params && !layer.frozen ? [`| Trainable | ${formatCount(layer.trainableParams)} |`] : []),
    `| MACs | ${formatCount(layer.macs)} |`,
    ...(layer.receptiveField ? [`| Receptive field | ${formatField(layer.receptiveField)} |`] : []),
  ];
  const parts = [
    `**${escapeMarkdown(layer.type)}** ${codeSpan(layer.id)} — ${doc}`,
    `${inputs} → ${output}`,
    ['| | |', '|---|---|', ...rows].join('\n'),
    ...extraSections.map((section) => `**${section.title}**\n\n${section.markdown}`),
  ];
  return parts.join('\n\n');
}

/**
 * User text (ids, unknown type names) as a markdown code span that it cannot close: the fence is one backtick longer
 * than the longest run inside, and line breaks become spaces (a layer id with backticks used to inject markdown).
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** User text as plain markdown text: every markdown punctuation character backslash-escaped, line breaks as spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** Markdown for one parameter of a layer type, or undefined when unknown. */
export function paramHoverMarkdown(type: string, param: string): string | undefined {
  if (!isLayerType(type)) return undefined;
  const doc = [...LAYER_CATALOG[type].params, ...COMMON_PARAMS].find((p) => p.name === param);
  if (!doc) return undefined;
  return `**${type}.${doc.name}** — ${doc.doc}${doc.default !== undefined ? ` Default: \`${doc.default}\`.` : ''}`;
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.col < b.col);
const contains = (range: Range, at: Position): boolean => !before(at, range.start) && before(at, range.end);

/** The layer whose entry contains the 0-based position. */
export function layerAt(check: ModelCheck, at: Position): LayerInfo | undefined {
  return check.layers.find((layer) => contains(layer.range, at));
}
