// `layerlens inspect RUN_DIR --layer ID [--sample N | --input FILE] [--epoch E] [--backend B] [--json]`: one
// layer's output for one example of a trained run. Binding (checked by external tests): with --json, exactly one
// JSON object {"layer", "shape", "data", "input": {"shape", "data"}, "probs", "label"}, `data` flattened row-major
// in HWC order, `label` the true label of a --sample or null for --input. Errors (unknown layer, a folder without
// a model, an input of the wrong shape, bad arguments) exit 2 with one line on stderr.
import { assertKnownLayers, featureMaps } from '../analysis';
import { formatShape } from '../language';
import type { FeatureMapsResult } from '../protocol';
import { ANALYSIS_OPTIONS_USAGE, openAnalysis, parseAnalysisArgs, type AnalysisCliDeps } from './analysis-args';

export interface InspectIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: layerlens inspect RUN_DIR --layer ID [--sample N | --input FILE] [--epoch E] [--backend B] [--json]
  --layer ID    the layer whose output to print (its id in the model file)
${ANALYSIS_OPTIONS_USAGE}
`;

export async function runInspect(args: readonly string[], io: InspectIo, deps: AnalysisCliDeps = {}): Promise<number> {
  const parsed = parseAnalysisArgs(args, { layer: { type: 'string' } });
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const layer = 'usageError' in parsed ? undefined : parsed.extra['layer'];
  if ('usageError' in parsed || typeof layer !== 'string') {
    io.stderr(`layerlens inspect: ${'usageError' in parsed ? parsed.usageError : '--layer ID is required'}\n${USAGE}`);
    return 2;
  }
  let opened;
  try {
    opened = await openAnalysis(parsed, deps, (spec) => assertKnownLayers(spec, [layer]));
  } catch (error) {
    return fail(io, error);
  }
  try {
    const result = await featureMaps(opened.session, [layer], opened.input);
    const output = result.layers[0];
    if (!output) throw new Error(`layer '${layer}' gave no output`);
    if (parsed.json) {
      io.stdout(`${JSON.stringify({
        layer, shape: output.shape, data: Array.from(output.data),
        input: { shape: result.input.shape, data: Array.from(result.input.data) },
        probs: Array.from(result.probs), label: opened.fromSample ? result.label : null,
      })}\n`);
    } else {
      io.stdout(summary(layer, result, opened.session.classNames, opened.session.epoch));
    }
    return 0;
  } catch (error) {
    return fail(io, error);
  } finally {
    opened.dispose();
  }
}

function fail(io: InspectIo, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`layerlens inspect: ${message.split('\n')[0] ?? message}\n`);
  return 2;
}

/** Shape, per-channel (last axis) min/max/mean, and the prediction. */
function summary(layer: string, result: FeatureMapsResult, classNames: readonly string[], epoch: number | null): string {
  const output = result.layers[0];
  if (!output) return '';
  const channels = output.shape.length >= 2 ? (output.shape[output.shape.length - 1] ?? 1) : 1;
  const lines = [
    `layer ${layer}: shape ${formatShape(output.shape)} (${epoch === null ? 'final model' : `epoch ${epoch}`})`,
    `input ${formatShape(result.input.shape)}${result.label !== null ? `, true label ${labelName(result.label, classNames)}` : ''}`,
    'channel        min        max       mean',
  ];
  for (let c = 0; c < channels; c++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    let count = 0;
    for (let i = c; i < output.data.length; i += channels) {
      const value = output.data[i] ?? 0;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      count++;
    }
    lines.push(`${String(c).padStart(7)} ${format(min)} ${format(max)} ${format(count > 0 ? sum / count : 0)}`);
  }
  if (classNames.length > 1 && result.probs.length === classNames.length) {
    const best = result.probs.indexOf(Math.max(...result.probs));
    lines.push(`prediction ${labelName(best, classNames)} (p = ${(result.probs[best] ?? 0).toFixed(4)})`);
  }
  return `${lines.join('\n')}\n`;
}

function labelName(index: number, classNames: readonly string[]): string {
  const name = classNames[index];
  return name === undefined || name === String(index) ? String(index) : `${index} (${name})`;
}

function format(value: number): string {
  const text = Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : value.toFixed(4);
  return text.padStart(10);
}
