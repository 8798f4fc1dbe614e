// One entry point: text → spec, per-layer shapes and counts, totals and diagnostics. Never throws.
import { countLayer, inputReceptiveField, receptiveField, type LayerCounts } from './counts';
import { buildGraph, MODEL_INPUT, MODEL_INPUT_ID, type LayerGraph } from './graph';
import { inferOutputShape } from './infer';
import { checkInitIds } from './init-check';
import { parseModel, type ParsedModel } from './parse';
import type { ParsedLayer } from './parse-layers';
import { reporterFor, type Reporter } from './source';
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

function checkUnsafe(text: string, fileName: string): ModelCheck {
  const parsed = parseModel(text, fileName);
  const report = reporterFor(parsed.diagnostics);
  const graph = buildGraph(report, parsed.layers);
  const results = inferAll(report, parsed, graph);
  const outputs = results.map((r) => r.output);
  checkTaskOutput(report, {
    task: parsed.task, input: parsed.input, layers: parsed.layers, graph, outputs, text: parsed.text, format: parsed.format,
  });
  const frozen = checkInitIds(report, parsed.init, graph.ids);
  const layers: LayerInfo[] = parsed.layers.map((layer, index) => {
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
  const params = sum(layers.map((l) => l.params));
  const trainableParams = sum(layers.map((l) => l.trainableParams));
  const diagnostics = sortDiagnostics(parsed.diagnostics);
  const spec = diagnostics.some((d) => d.severity === 'error') ? undefined : buildSpec(parsed, graph);
  return {
    name: parsed.name, layers, outputShape: outputs[outputs.length - 1] ?? null,
    totals: { params, trainableParams, nonTrainableParams: params - trainableParams, macs: sum(layers.map((l) => l.macs)) },
    diagnostics,
    ...(spec ? { spec } : {}),
    ...(parsed.init ? { init: { spec: parsed.init.spec, ranges: parsed.init.ranges } } : {}),
  };
}

function inferAll(report: Reporter, parsed: ParsedModel, graph: LayerGraph): LayerResult[] {
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
  const layers: LayerSpec[] = [];
  for (const [index, layer] of parsed.layers.entries()) {
    const spec = toLayerSpec(layer, graph.ids[index] ?? '');
    if (!spec) return undefined;
    layers.push(spec);
  }
  return {
    name: parsed.name, task: parsed.task, input, layers, train,
    ...(parsed.description !== undefined ? { description: parsed.description } : {}),
    ...(parsed.data ? { data: parsed.data } : {}),
    ...(parsed.init ? { init: parsed.init.spec } : {}),
  };
}

function toLayerSpec(layer: ParsedLayer, id: string): LayerSpec | undefined {
  if (!layer.body) return undefined;
  const from = layer.from?.map((ref) => ref.value);
  return from ? { ...layer.body, id, from } : { ...layer.body, id };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col);
}
