// Text → parsed model with source ranges and diagnostics. YAML and JSON both go through the `yaml` parser.
import { parseDocument } from 'yaml';
import { MapReader } from './map-reader';
import { parseGan, type ParsedGan } from './parse-gan';
import { parseInit, type ParsedInit } from './parse-init';
import { parseLayers, type ParsedLayer } from './parse-layers';
import { parseData, parseTrain } from './parse-sections';
import { reportDuplicateKeys } from './duplicate-keys';
import { asMap, asScalar, SourceContext } from './source';
import { findExcessiveNesting, MAX_NESTING_DEPTH, normalizeLineBreaks } from './text-guards';
import { TASKS, type DataSpec, type Diagnostic, type Range, type Shape, type Task, type TrainSpec } from './types';

export interface ParsedModel {
  readonly format: 'yaml' | 'json';
  readonly text: string;
  readonly name: string;
  readonly description?: string;
  readonly task: Task;
  /** Undefined when missing or invalid. */
  readonly input?: Shape;
  readonly data?: DataSpec;
  readonly train?: TrainSpec;
  readonly layers: readonly ParsedLayer[];
  readonly init?: ParsedInit;
  /** task: gan (then `layers` is empty). */
  readonly gan?: ParsedGan;
  /** False when any section other than `layers` has an error. */
  readonly sectionsValid: boolean;
  /** Where to report model-level problems (the `layers` key, or the document start). */
  readonly layersKeyRange: Range;
  readonly diagnostics: Diagnostic[];
}

/** Larger files are refused with a diagnostic rather than parsed. */
export const MAX_TEXT_LENGTH = 2_000_000;
/** Larger input shapes are refused (elements per example). */
export const MAX_ELEMENTS = 1e9;

export function formatOf(fileName: string): 'yaml' | 'json' {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

export function modelNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.model\.(ya?ml|json)$/i, '').replace(/\.(ya?ml|json)$/i, '') || 'model';
}

export function parseModel(rawText: string, fileName: string): ParsedModel {
  const format = formatOf(fileName);
  const text = normalizeLineBreaks(rawText);
  const tooLong = text.length > MAX_TEXT_LENGTH;
  const tooDeep = tooLong ? undefined : findExcessiveNesting(text);
  const refused = tooLong || tooDeep !== undefined;
  // Duplicate keys are found by reportDuplicateKeys in one pass (yaml's own check is quadratic).
  const doc = parseDocument(refused ? '' : text, { prettyErrors: false, uniqueKeys: false });
  const ctx = new SourceContext(tooLong ? '' : text, doc);
  const empty: ParsedModel = {
    format, text, name: modelNameFromFile(fileName), task: 'classification', layers: [], sectionsValid: false,
    layersKeyRange: ctx.rangeOfOffsets(0, 0), diagnostics: ctx.diagnostics,
  };
  if (tooLong) {
    ctx.report('error', 'too-large', `file is too large to check (${text.length} characters; at most ${MAX_TEXT_LENGTH})`, ctx.rangeOfOffsets(0, 0));
    return empty;
  }
  if (tooDeep) {
    ctx.report('error', 'too-large', `nesting is too deep to check (more than ${MAX_NESTING_DEPTH} levels of lists and maps)`,
      ctx.rangeOfOffsets(tooDeep.offset, tooDeep.offset + 1));
    return empty;
  }
  for (const error of doc.errors) ctx.report('error', 'syntax', syntaxMessage(error.message), ctx.rangeOfOffsets(error.pos[0], error.pos[1]));
  for (const warning of doc.warnings) ctx.report('warning', 'syntax', warning.message, ctx.rangeOfOffsets(warning.pos[0], warning.pos[1]));
  reportDuplicateKeys(ctx, doc);

  const root = asMap(doc.contents);
  if (!root) {
    if (doc.errors.length === 0) {
      ctx.report('error', 'structure', 'a model file is a map with the keys name, task, input, layers (and data, train)', ctx.rangeOf(doc.contents));
    }
    return empty;
  }
  const r = new MapReader(ctx, root, ctx.rangeOfOffsets(0, 0), 'model');
  const name = r.optionalString('name') ?? modelNameFromFile(fileName);
  const description = r.optionalString('description');
  if (!r.has('task')) ctx.report('warning', 'missing-value', `'task' is missing; assuming classification (one of ${TASKS.join(', ')})`, ctx.rangeOfOffsets(0, 0));
  const task = r.enumValue('task', TASKS, 'classification');
  if (!r.has('input')) ctx.report('error', 'missing-value', `'input' is required: the input shape without batch, e.g. [28, 28, 1]`, ctx.rangeOfOffsets(0, 0));
  const input = r.intList('input', { integer: true, min: 1, max: 1_000_000 }, false);
  const inputElements = input ? input.reduce((a, b) => a * b, 1) : 0;
  const usableInput = input !== undefined && inputElements <= MAX_ELEMENTS ? input : undefined;
  if (input && !usableInput) {
    r.failed = true;
    ctx.report('error', 'too-large', `input has more than ${MAX_ELEMENTS} elements per example`, r.valueRange('input') ?? empty.layersKeyRange);
  }
  const data = r.has('data') ? parseData(ctx, ctx.resolve(root.get('data', true)), r.keyRange('data') ?? empty.layersKeyRange) : undefined;
  // `train:` with nothing after it means "all defaults", like a missing section.
  const trainValue = r.has('train') ? ctx.resolve(root.get('train', true)) : null;
  const trainNode = trainValue === null || asScalar(trainValue)?.value === null ? undefined : trainValue;
  const train = parseTrain(ctx, trainNode, r.keyRange('train') ?? empty.layersKeyRange, task);
  const init = r.has('init') ? parseInit(ctx, ctx.resolve(root.get('init', true)), r.keyRange('init') ?? empty.layersKeyRange) : undefined;
  const layersKeyRange = r.keyRange('layers') ?? empty.layersKeyRange;
  let layers: ParsedLayer[] = [];
  const gan = task === 'gan' ? parseGan(ctx, root, r, layersKeyRange) : undefined;
  if (task === 'gan') r.has('layers'); // reported by parseGan when present
  else if (r.has('layers')) layers = parseLayers(ctx, ctx.resolve(root.get('layers', true)), layersKeyRange);
  else ctx.report('error', 'missing-value', `'layers' is required: a list such as - dense: { units: 10 }`, layersKeyRange);
  r.reportUnknownKeys('key', 'warning');
  const sectionsValid = !r.failed && (!r.has('data') || data !== undefined) && train !== undefined && usableInput !== undefined &&
    (!r.has('init') || init !== undefined) && (task !== 'gan' || gan !== undefined);
  return {
    format, text, name, task, layers, sectionsValid, layersKeyRange, diagnostics: ctx.diagnostics,
    ...(description !== undefined ? { description } : {}),
    ...(usableInput !== undefined ? { input: usableInput } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(init !== undefined ? { init } : {}),
    ...(gan !== undefined ? { gan } : {}),
    ...(train !== undefined ? { train } : {}),
  };
}

/** The parser's messages, except a stack overflow, which only a nesting the pre-scan missed can cause. */
function syntaxMessage(message: string): string {
  return /call stack/i.test(message) ? `nesting is too deep to check (more than ${MAX_NESTING_DEPTH} levels of lists and maps)` : message;
}
