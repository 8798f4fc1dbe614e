// One entry point: text → spec, per-layer shapes and counts, totals and diagnostics. Never throws.
import { countLayer, inputReceptiveField, receptiveField, type LayerCounts } from './counts';
import { buildGraph, MODEL_INPUT, MODEL_INPUT_ID, type LayerGraph } from './graph';
import { inferOutputShape } from './infer';
import { checkGanSections } from './gan-check';
import { checkInitIds } from './init-check';
import type { ParsedGan } from './parse-gan';
import { parseModel, type ParsedModel } from './parse';
import type { ParsedLayer } from './parse-layers';
import { reporterFor, type Reporter } from './source';
import { resetSuggestionBudget } from './suggest';
import { checkTaskOutput } from './task-check';
import type { Diagnostic, LayerInfo, LayerSpec, ModelCheck, ModelSpec, ReceptiveField, Shape } from './types';

interface LayerResult {
  readonly inputShapes: readonly Shape[];
  readonly output: Shape | null;
  readonly counts: LayerCounts;
  readonly field: ReceptiveField | null;
}

const UNKNOWN: LayerResult = { inputShapes: [], output: null, counts: { params: 0, trainableParams: 0, macs: 0, formula: '' }, field: null };

export function checkModel(text: string, fileName: string): ModelCheck {
  try {
    return checkUnsafe(text, fileName);
  } catch (error) {
    // A bug here must not take down the editor or the CLI: report it as a diagnostic instead.
    const message = error instanceof Error ? error.message : String(error);
    const origin = { line: 0, col: 0 };
    return {
      name: fileName, layers: [], outputShape: null,
      totals: { params: 0, trainableParams: 0, nonTrainableParams: 0, macs: 0 },
      diagnostics: [{ severity: 'error', code: 'structure', message: `internal error while checking: ${message}`, range: { start: origin, end: origin } }],
    };
  }
}

/** One list of layers fed by `input`: its graph, per-layer results and LayerInfo. */
export interface AnalysedLayers {
  readonly graph: LayerGraph;
  readonly outputs: readonly (Shape | null)[];
  readonly infos: LayerInfo[];
}

/** Graph, shapes and counts of `layers` fed by `input`; `frozen` ids get 0 trainable parameters. */
export function analyseLayers(
  report: Reporter, input: Shape | undefined, parsedLayers: readonly ParsedLayer[], frozenIds?: (ids: readonly string[]) => ReadonlySet<string>,
): AnalysedLayers {
  const graph = buildGraph(report, parsedLayers);
  const results = inferAll(report, { input, layers: parsedLayers }, graph);
  const frozen = frozenIds ? frozenIds(graph.ids) : new Set<string>();
  const infos = layerInfos(parsedLayers, graph, results, frozen);
  return { graph, outputs: results.map((r) => r.output), infos };
}

function checkUnsafe(text: string, fileName: string): ModelCheck {
  resetSuggestionBudget();
  const parsed = parseModel(text, fileName);
  const report = reporterFor(parsed.diagnostics);
  if (parsed.gan) return finishGan(parsed, parsed.gan, report);
  const { graph, outputs, infos: layers } = analyseLayers(report, parsed.input, parsed.layers, (ids) => checkInitIds(report, parsed.init, ids));
  checkTaskOutput(report, {
    task: parsed.task, input: parsed.input, layers: parsed.layers, graph, outputs, text: parsed.text, format: parsed.format,
  });
  return finish(parsed, layers, outputs[outputs.length - 1] ?? null, () => buildSpec(parsed, graph));
}

function finishGan(parsed: ParsedModel, gan: ParsedGan, report: Reporter): ModelCheck {
  const checked = checkGanSections(report, parsed.input, gan, analyseLayers);
  return finish(parsed, checked.layers, checked.outputShape, () => {
    const { input, train } = parsed;
    if (!input || !train || !parsed.sectionsValid) return undefined;
    const generator = toLayerSpecs(gan.generator, checked.generator.graph);
    const discriminator = toLayerSpecs(gan.discriminator, checked.discriminator.graph);
    if (!generator || !discriminator) return undefined;
    return {
      name: parsed.name, task: parsed.task, input, layers: discriminator, train, gan: { latent: gan.latent, generator, discriminator },
      ...(parsed.description !== undefined ? { description: parsed.description } : {}),
      ...(parsed.data ? { data: parsed.data } : {}),
    };
  });
}

function finish(parsed: ParsedModel, layers: LayerInfo[], outputShape: Shape | null, spec: () => ModelSpec | undefined): ModelCheck {
  const params = sum(layers.map((l) => l.params));
  const trainableParams = sum(layers.map((l) => l.trainableParams));
  const diagnostics = sortDiagnostics(parsed.diagnostics);
  const built = diagnostics.some((d) => d.severity === 'error') ? undefined : spec();
  return {
    name: parsed.name, layers, outputShape,
    totals: { params, trainableParams, nonTrainableParams: params - trainableParams, macs: sum(layers.map((l) => l.macs)) },
    diagnostics,
    ...(built ? { spec: built } : {}),
    ...(parsed.init ? { init: { spec: parsed.init.spec, ranges: parsed.init.ranges } } : {}),
  };
}

function layerInfos(parsedLayers: readonly ParsedLayer[], graph: LayerGraph, results: readonly LayerResult[], frozen: ReadonlySet<string>): LayerInfo[] {
  return parsedLayers.map((layer, index) => {
    const result = results[index] ?? UNKNOWN;
    const inputIds = (graph.inputs[index] ?? []).map((p) => (p === MODEL_INPUT ? MODEL_INPUT_ID : graph.ids[p] ?? ''));
    const isFrozen = frozen.has(graph.ids[index] ?? '');
    return {
      id: graph.ids[index] ?? '', type: layer.type, inputIds, inputShapes: result.inputShapes, outputShape: result.output,
      params: result.counts.params, trainableParams: isFrozen ? 0 : result.counts.trainableParams, macs: result.counts.macs,
      ...(isFrozen ? { frozen: true as const } : {}),
      receptiveField: result.field, paramFormula: result.counts.formula, line: layer.range.start.line + 1, range: layer.range,
    };
  });
}

function inferAll(report: Reporter, parsed: Pick<ParsedModel, 'input' | 'layers'>, graph: LayerGraph): LayerResult[] {
  const results: LayerResult[] = parsed.layers.map(() => UNKNOWN);
  const inputField = parsed.input ? inputReceptiveField(parsed.input) : null;
  for (const index of graph.order) {
    const layer = parsed.layers[index];
    const producers = graph.inputs[index];
    if (!layer || !producers) continue;
    const inputShapes: Shape[] = [];
    const fields: (ReceptiveField | null)[] = [];
    for (const producer of producers) {
      const shape = producer === MODEL_INPUT ? parsed.input : results[producer]?.output;
      if (shape) inputShapes.push(shape);
      fields.push(producer === MODEL_INPUT ? inputField : results[producer]?.field ?? null);
    }
    if (inputShapes.length !== producers.length || !layer.body) {
      results[index] = { ...UNKNOWN, inputShapes: inputShapes.length === producers.length ? inputShapes : [] };
      continue;
    }
    const inferred = inferOutputShape(layer.body, inputShapes);
    if (!inferred.ok) {
      const range = (inferred.param !== undefined ? layer.paramRanges.get(inferred.param) : undefined) ?? layer.typeRange;
      report.report('error', inferred.code, inferred.message, range);
      results[index] = { ...UNKNOWN, inputShapes };
      continue;
    }
    results[index] = {
      inputShapes, output: inferred.shape,
      counts: countLayer(layer.body, inputShapes, inferred.shape),
      field: receptiveField(layer.body, fields, inputShapes),
    };
  }
  return results;
}

function buildSpec(parsed: ParsedModel, graph: LayerGraph): ModelSpec | undefined {
  const { input, train } = parsed;
  if (!input || !train || !parsed.sectionsValid) return undefined;
  const layers = toLayerSpecs(parsed.layers, graph);
  if (!layers) return undefined;
  return {
    name: parsed.name, task: parsed.task, input, layers, train,
    ...(parsed.description !== undefined ? { description: parsed.description } : {}),
    ...(parsed.data ? { data: parsed.data } : {}),
    ...(parsed.init ? { init: parsed.init.spec } : {}),
  };
}

function toLayerSpecs(parsedLayers: readonly ParsedLayer[], graph: LayerGraph): LayerSpec[] | undefined {
  const layers: LayerSpec[] = [];
  for (const [index, layer] of parsedLayers.entries()) {
    const spec = toLayerSpec(layer, graph.ids[index] ?? '');
    if (!spec) return undefined;
    layers.push(spec);
  }
  return layers;
}

function toLayerSpec(layer: ParsedLayer, id: string): LayerSpec | undefined {
  if (!layer.body) return undefined;
  const from = layer.from?.map((ref) => ref.value);
  return from ? { ...layer.body, id, from } : { ...layer.body, id };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** More problems than anyone reads: the rest are summarised in one line (100,000 unknown keys made 100,000). */
export const MAX_DIAGNOSTICS = 500;

function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col);
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const shown = sorted.slice(0, MAX_DIAGNOSTICS);
  const hidden = sorted.slice(MAX_DIAGNOSTICS);
  const errors = hidden.filter((d) => d.severity === 'error').length;
  const last = shown[shown.length - 1]?.range ?? { start: { line: 0, col: 0 }, end: { line: 0, col: 0 } };
  shown.push({
    severity: errors > 0 ? 'error' : 'warning', code: hidden[0]?.code ?? 'structure', range: last,
    message: `${hidden.length} more problems (${errors} errors) after these ${MAX_DIAGNOSTICS} are not listed`,
  });
  return shown;
}
