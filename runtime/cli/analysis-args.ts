// Arguments shared by the commands that analyse a trained run (`inspect`, and later `explain`, `maximize`,
// `attack`, `robustness`): RUN_DIR [--sample N | --input FILE] [--epoch E] [--backend B] [--json], plus each
// command's own options. Also opens the run for them, so every command loads runs and inputs the same way.
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AnalysisSession, checkpointEpochsOf, checkTensorShape, loadRun, readInputFile, readRunSpec, weightsFolder } from '../analysis';
import type { ModelSpec } from '../language';
import { LADDER_ORDER, selectBackend } from '../backends';
import type { AnalysisInput, BackendPreference } from '../protocol';

export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...LADDER_ORDER];

/** Options every analysis command takes; usage text lines for them. */
export const ANALYSIS_OPTIONS_USAGE = `  --sample N    validation example N of the run's own split (default 0)
  --input FILE  JSON {"shape": [...], "data": [...]} used as-is, or a PNG/JPEG converted as the run's data
  --epoch E     weights of checkpoints/epoch-E/ (default: the final model)
  --backend B   ${BACKEND_PREFERENCES.join('|')} (default auto: the fastest available)
  --json        print one JSON object`;

export interface AnalysisArgs {
  readonly runDir: string;
  /** Validation example index, or an input file. */
  readonly input: { readonly sample: number } | { readonly file: string };
  readonly epoch?: number;
  readonly backend: BackendPreference;
  readonly json: boolean;
  /** The command's own options, by name (strings and booleans as parseArgs gives them). */
  readonly extra: Readonly<Record<string, string | boolean | undefined>>;
}

export type ParsedAnalysisArgs = AnalysisArgs | { readonly usageError: string } | 'help';

/** parseArgs's option declarations, e.g. `{ layer: { type: 'string' } }`. */
export type OptionDeclarations = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS = {
  sample: { type: 'string' }, input: { type: 'string' }, epoch: { type: 'string' }, backend: { type: 'string' },
  json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const satisfies OptionDeclarations;

/** Parses `RUN_DIR` and the shared options; `extra` declares the command's own options (e.g. `--layer`). */
export function parseAnalysisArgs(args: readonly string[], extra: OptionDeclarations = {}): ParsedAnalysisArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...extra, ...COMMON_OPTIONS } });
  } catch (error) {
    return { usageError: error instanceof Error ? error.message : String(error) };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) return 'help';
  const [runDir, ...more] = parsed.positionals;
  if (runDir === undefined || more.length > 0) return { usageError: 'expected exactly one run folder (RUN_DIR)' };
  const sample = values['sample'];
  const file = values['input'];
  if (typeof sample === 'string' && typeof file === 'string') return { usageError: 'give --sample or --input, not both' };
  const sampleIndex = typeof sample === 'string' ? wholeNumber(sample) : 0;
  if (sampleIndex === undefined) return { usageError: `--sample must be a whole number ≥ 0, got '${String(sample)}'` };
  const epochValue = values['epoch'];
  const epoch = typeof epochValue === 'string' ? wholeNumber(epochValue) : undefined;
  if (typeof epochValue === 'string' && (epoch === undefined || epoch < 1)) return { usageError: `--epoch must be a whole number ≥ 1, got '${epochValue}'` };
  const backend = (typeof values['backend'] === 'string' ? values['backend'] : 'auto') as BackendPreference;
  if (!BACKEND_PREFERENCES.includes(backend)) return { usageError: `--backend must be one of ${BACKEND_PREFERENCES.join(', ')}` };
  const own = Object.fromEntries(Object.keys(extra).map((name) => [name, values[name]]));
  return {
    runDir: resolve(runDir), input: typeof file === 'string' ? { file: resolve(file) } : { sample: sampleIndex },
    backend, json: values['json'] === true, extra: own, ...(epoch !== undefined ? { epoch } : {}),
  };
}

export interface AnalysisCliDeps {
  /** Folder of the tfjs-backend-wasm binaries (the bundle's folder); undefined: the installed package's. */
  readonly wasmDir?: string;
  /** Folder of packed data assets; default `<bundle folder>/data`. */
  readonly assetsDir?: string;
  /** Extra folders holding @tensorflow/tfjs-node(-gpu). */
  readonly nodeModuleDirs?: readonly string[];
}

export interface OpenedAnalysis {
  readonly session: AnalysisSession;
  readonly input: AnalysisInput;
  /** Whether the input is a validation example (then the true label is known). */
  readonly fromSample: boolean;
  dispose(): void;
}

/**
 * Checks what can be checked without TensorFlow.js first (the run folder and its model, the command's own
 * arguments through `validate`, the input file and its shape), so those errors stay one line on stderr: probing
 * the backend ladder may print native warnings (Dawn's Vulkan probe). Then selects the backend and loads the run.
 * Throws one-line errors.
 */
export async function openAnalysis(
  args: AnalysisArgs, deps: AnalysisCliDeps = {}, validate: (spec: ModelSpec) => void = () => undefined,
): Promise<OpenedAnalysis> {
  const { spec } = readRunSpec(args.runDir);
  weightsFolder(args.runDir, args.epoch, checkpointEpochsOf(args.runDir));
  validate(spec);
  const input: AnalysisInput = 'sample' in args.input
    ? { example: args.input.sample }
    : { tensor: checkTensorShape(await readInputFile(args.input.file, spec.input), spec.input) };
  await selectBackend({
    preference: args.backend, nodeModuleDirs: deps.nodeModuleDirs ?? [], ...(deps.wasmDir !== undefined ? { wasmDir: deps.wasmDir } : {}),
  });
  const run = await loadRun(args.runDir, {
    assetsDir: deps.assetsDir ?? join(__dirname, 'data'), ...(args.epoch !== undefined ? { epoch: args.epoch } : {}),
  });
  const session = await AnalysisSession.open('cli', run);
  return { session, input, fromSample: 'sample' in args.input, dispose: () => session.dispose() };
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
