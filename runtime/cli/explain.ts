// `layerlens explain RUN_DIR --method M [--layer ID] [--class C] [--sample N | --input FILE] [--steps M]
// [--samples N] [--sigma S] [--seed K] [--epoch E] [--backend B] --json`. Binding (checked by external tests):
// with --json exactly one JSON object {"method", "layer", "class", "input": {"shape", "data"}, "logits", "probs",
// "map": {"shape", "data"}, "upsampled": {"shape", "data"}}: `map` raw (layer resolution [h, w] for the CAM
// family, [H, W, C] for input-space methods), `upsampled` [H, W], `logits` pre-softmax, `class` the predicted one
// unless --class. Warnings (all-zero map, gap over 5%) go to stderr. Bad input exits 2 with one line.
import { EXPLAIN_METHODS, explainInput, isExplainMethod, type Explanation } from '../analysis/explain';
import { layerLines } from '../analysis/explain/handlers';
import { resolveInput } from '../analysis';
import { formatShape, type ModelSpec } from '../language';
import { ANALYSIS_OPTIONS_USAGE, openAnalysis, parseAnalysisArgs, type AnalysisCliDeps } from './analysis-args';
import { cliFailure, optionalNumber, type CliIo } from './cli-numbers';

const USAGE = `usage: layerlens explain RUN_DIR --method ${EXPLAIN_METHODS.join('|')} [--layer ID] [--class C]
                        [--sample N | --input FILE] [--steps M] [--samples N] [--sigma S] [--seed K] [--epoch E] [--json]
  --method M    gradcam, gradcampp (jacobgil), cam (GAP → dense models), saliency (|∂S/∂x|), smoothgrad,
                ig (Integrated Gradients, black baseline, trapezoid rule), lrp-epsilon, lrp-zplus
  --layer ID    the layer of the CAM family (default: the last with a spatial output); other methods ignore it
  --class C     the class to explain (default: the predicted one); scores are pre-softmax logits
  --steps M     Integrated Gradients steps (default 50)
  --samples N   SmoothGrad noisy copies (default 20)
  --sigma S     SmoothGrad noise σ as a fraction of the input's range (default 0.2)
  --seed K      SmoothGrad noise seed (default 0)
${ANALYSIS_OPTIONS_USAGE}
`;

const OWN_OPTIONS = {
  method: { type: 'string' }, layer: { type: 'string' }, class: { type: 'string' }, steps: { type: 'string' },
  samples: { type: 'string' }, sigma: { type: 'string' }, seed: { type: 'string' },
} as const;

export async function runExplain(args: readonly string[], io: CliIo, deps: AnalysisCliDeps = {}): Promise<number> {
  const parsed = parseAnalysisArgs(args, OWN_OPTIONS);
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const fail = (message: string): number => cliFailure(io, 'explain', message, USAGE);
  if ('usageError' in parsed) return fail(parsed.usageError);
  const { method, layer } = parsed.extra;
  if (typeof method !== 'string') return fail('--method is required');
  if (!isExplainMethod(method)) return fail(`--method must be one of ${EXPLAIN_METHODS.join(', ')}, got '${method}'`);
  let numbers;
  try {
    numbers = {
      classIndex: optionalNumber(parsed.extra['class'], '--class', 'index'),
      steps: optionalNumber(parsed.extra['steps'], '--steps', 'count'),
      samples: optionalNumber(parsed.extra['samples'], '--samples', 'count'),
      sigma: optionalNumber(parsed.extra['sigma'], '--sigma', 'nonNegative'),
      seed: optionalNumber(parsed.extra['seed'], '--seed', 'index'),
    };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const layerId = typeof layer === 'string' ? layer : undefined;
  const validate = (spec: ModelSpec): void => {
    if (layerId !== undefined && !spec.layers.some((l) => l.id === layerId)) {
      throw new Error(`unknown layer '${layerId}'; the model's layers are ${spec.layers.map((l) => l.id).join(', ')}`);
    }
  };
  let opened;
  try {
    opened = await openAnalysis(parsed, deps, validate);
  } catch (error) {
    return cliFailure(io, 'explain', error);
  }
  try {
    const { session } = opened;
    const resolved = await resolveInput(session, opened.input);
    try {
      const result = await explainInput(session.graph, resolved.x, {
        method, lines: layerLines(session),
        ...(layerId !== undefined ? { layer: layerId } : {}),
        ...Object.fromEntries(Object.entries(numbers).filter(([, value]) => value !== undefined)),
      });
      for (const warning of result.warnings) io.stderr(`layerlens explain: warning: ${warning}\n`);
      const layerOut = result.layer ?? layerId ?? null;
      if (parsed.json) {
        io.stdout(`${JSON.stringify({
          method, layer: layerOut, class: result.classIndex,
          input: { shape: resolved.tensor.shape, data: Array.from(resolved.tensor.data) },
          logits: Array.from(result.logits), probs: Array.from(result.probs),
          map: { shape: result.map.shape, data: Array.from(result.map.data) },
          upsampled: { shape: result.upsampled.shape, data: Array.from(result.upsampled.data) },
        })}\n`);
      } else {
        io.stdout(summary(result, session.classNames));
      }
      return 0;
    } finally {
      resolved.x.dispose();
    }
  } catch (error) {
    return cliFailure(io, 'explain', error);
  } finally {
    opened.dispose();
  }
}

function summary(result: Explanation, classNames: readonly string[]): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of result.map.data) { min = Math.min(min, v); max = Math.max(max, v); }
  const name = classNames[result.classIndex];
  const lines = [
    `${result.method}${result.layer ? ` at layer ${result.layer}` : ''}, class ${result.classIndex}${name && name !== String(result.classIndex) ? ` (${name})` : ''}` +
      ` (logit ${(result.logits[result.classIndex] ?? NaN).toFixed(4)}, p = ${(result.probs[result.classIndex] ?? NaN).toFixed(4)})`,
    `map ${formatShape(result.map.shape)}: min ${min.toPrecision(4)}, max ${max.toPrecision(4)}; upsampled ${formatShape(result.upsampled.shape)}`,
  ];
  if (result.gapPercent !== undefined) lines.push(`${result.method === 'ig' ? 'completeness' : 'conservation'} gap ${result.gapPercent.toFixed(2)}%`);
  return `${lines.join('\n')}\n`;
}
