// `layerlens maximize RUN_DIR (--class C | --layer ID --channel K) [--steps N] [--seed S] [--epoch E] --json`:
// activation maximization of a class's pre-softmax logit or the mean of one channel of a layer. Binding (checked by
// external tests): with --json exactly one JSON object {"image": {"shape", "data"}, "score": [per step]}, the image
// HWC in the input's value range. Bad input exits 2 with one line.
import { maximize, type MaximizeTarget } from '../analysis/explain';
import { formatShape, type ModelSpec } from '../language';
import { ANALYSIS_OPTIONS_USAGE, openAnalysis, parseAnalysisArgs, type AnalysisCliDeps } from './analysis-args';
import { cliFailure, optionalNumber, type CliIo } from './cli-numbers';

const USAGE = `usage: layerlens maximize RUN_DIR (--class C | --layer ID --channel K) [--steps N] [--seed S] [--epoch E] [--json]
  --class C     raise the pre-softmax logit of class C
  --layer ID    with --channel K: raise the mean of channel K of that layer's output
  --steps N     gradient-ascent steps (default 100)
  --seed S      seed of the start image and the jitter (default 0)
${ANALYSIS_OPTIONS_USAGE}
`;

const OWN_OPTIONS = {
  class: { type: 'string' }, layer: { type: 'string' }, channel: { type: 'string' }, steps: { type: 'string' }, seed: { type: 'string' },
} as const;

export async function runMaximize(args: readonly string[], io: CliIo, deps: AnalysisCliDeps = {}): Promise<number> {
  const parsed = parseAnalysisArgs(args, OWN_OPTIONS);
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const fail = (message: string): number => cliFailure(io, 'maximize', message, USAGE);
  if ('usageError' in parsed) return fail(parsed.usageError);
  let target: MaximizeTarget;
  let steps: number | undefined;
  let seed: number | undefined;
  try {
    const classIndex = optionalNumber(parsed.extra['class'], '--class', 'index');
    const channel = optionalNumber(parsed.extra['channel'], '--channel', 'index');
    const layer = parsed.extra['layer'];
    steps = optionalNumber(parsed.extra['steps'], '--steps', 'count');
    seed = optionalNumber(parsed.extra['seed'], '--seed', 'index');
    if (classIndex !== undefined && (layer !== undefined || channel !== undefined)) throw new Error('give --class, or --layer with --channel, not both');
    if (classIndex !== undefined) target = { class: classIndex };
    else if (typeof layer === 'string' && channel !== undefined) target = { layer, channel };
    else throw new Error('give --class C, or --layer ID with --channel K');
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const validate = (spec: ModelSpec): void => {
    if ('layer' in target && !spec.layers.some((l) => l.id === target.layer)) {
      throw new Error(`unknown layer '${target.layer}'; the model's layers are ${spec.layers.map((l) => l.id).join(', ')}`);
    }
  };
  let opened;
  try {
    opened = await openAnalysis(parsed, deps, validate);
  } catch (error) {
    return cliFailure(io, 'maximize', error);
  }
  try {
    const result = await maximize(opened.session.graph, target, {
      range: opened.session.clipRange, ...(steps !== undefined ? { steps } : {}), ...(seed !== undefined ? { seed } : {}),
    });
    if (parsed.json) {
      io.stdout(`${JSON.stringify({ image: { shape: result.image.shape, data: Array.from(result.image.data) }, score: result.score })}\n`);
    } else {
      const first = result.score[0] ?? NaN;
      const last = result.score[result.score.length - 1] ?? NaN;
      io.stdout(`image ${formatShape(result.image.shape)} after ${result.score.length} steps (seed ${result.seed}); score ${first.toPrecision(4)} → ${last.toPrecision(4)}\n`);
    }
    return 0;
  } catch (error) {
    return cliFailure(io, 'maximize', error);
  } finally {
    opened.dispose();
  }
}
