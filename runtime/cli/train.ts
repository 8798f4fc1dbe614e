// `layerlens train FILE [--epochs N] [--backend B] [--out DIR] [--keep-checkpoints K] [--threads N] [--json]` and
// `layerlens train --resume RUN_DIR [--epochs N] [...]`: trains (or resumes) in this process and reports progress
// (a bar on a terminal, one line per epoch otherwise), the final metrics and the run folder.
// Exit codes: 0 completed, 1 failed, 2 usage error, 130 stopped with Ctrl-C. With --json the last stdout line is
// always the result's JSON, failures included.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../backends';
import type { BackendPreference, MetricRow, TrainProgress, TrainResult } from '../protocol';
import { readMeta, RUN_FILES } from '../runs';
import { createTrainer, trainWorkerScriptBeside, type TrainerDeps, type TrainerMessage } from '../training';

export interface TrainIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Throws when the file cannot be read. */
  readFile(path: string): string;
  /** Whether stdout is a terminal (then a live progress bar is drawn). */
  readonly isTTY: boolean;
}

const USAGE = `usage: layerlens train FILE [--epochs N] [--backend auto|cuda|webgpu|tensorflow|wasm|cpu] [--out DIR] [--keep-checkpoints K] [--threads N] [--json]
       layerlens train --resume RUN_DIR [--epochs N] [--backend B] [--keep-checkpoints K] [--threads N] [--json]
  --epochs N    total epochs (overrides train.epochs; a resumed run keeps the total it was started with)
  --resume RUN_DIR
                continue a stopped, failed or crashed run from its newest usable checkpoint
  --keep-checkpoints K
                checkpoints kept besides the best one (default 3)
  --threads N   worker threads on the wasm and cpu backends (data-parallel; default 0: one per CPU core
                when a batch is ≥ 100 MFLOP of training work, else one; 1: one thread)
  --backend B   TensorFlow.js backend (default auto: the fastest available)
  --out DIR     runs folder (default <folder of FILE>/.layerlens/runs)
  --json        end with one JSON line: {"runDir", "backend", "device", "status", "final", "evaluation"}
`;

const BACKENDS: readonly BackendPreference[] = ['auto', 'cuda', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

interface TrainOptions {
  /** The model file; with --resume, the run's own model file. */
  readonly file?: string;
  readonly resume?: string;
  readonly keepCheckpoints?: number;
  readonly threads?: number;
  readonly epochs?: number;
  readonly backend: BackendPreference;
  readonly out?: string;
  readonly json: boolean;
}

function parse(args: string[]): TrainOptions | { readonly usageError: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        epochs: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
        resume: { type: 'string' }, 'keep-checkpoints': { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { usageError: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [file, ...extra] = positionals;
  const resume = values.resume;
  if (resume !== undefined && positionals.length > 0) return { usageError: '--resume takes the run folder instead of a model file' };
  if (resume === undefined && (file === undefined || extra.length > 0)) return { usageError: 'expected exactly one model file' };
  let keepCheckpoints: number | undefined;
  if (values['keep-checkpoints'] !== undefined) {
    keepCheckpoints = Number(values['keep-checkpoints']);
    if (!Number.isInteger(keepCheckpoints) || keepCheckpoints < 1) {
      return { usageError: `--keep-checkpoints must be a whole number ≥ 1, got '${values['keep-checkpoints']}'` };
    }
  }
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 0) return { usageError: `--threads must be a whole number ≥ 0, got '${values.threads}'` };
  }
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!BACKENDS.includes(backend)) return { usageError: `--backend must be one of ${BACKENDS.join(', ')}` };
  let epochs: number | undefined;
  if (values.epochs !== undefined) {
    epochs = Number(values.epochs);
    if (!Number.isInteger(epochs) || epochs < 1) return { usageError: `--epochs must be a whole number ≥ 1, got '${values.epochs}'` };
  }
  return {
    backend, json: values.json ?? false, ...(file !== undefined ? { file } : {}), ...(resume !== undefined ? { resume } : {}),
    ...(epochs !== undefined ? { epochs } : {}), ...(values.out !== undefined ? { out: values.out } : {}),
    ...(keepCheckpoints !== undefined ? { keepCheckpoints } : {}), ...(threads !== undefined ? { threads } : {}),
  };
}

/** `args` are the arguments after `train`; `deps` lets tests pin the clock or the assets folder. */
export async function runTrain(args: string[], io: TrainIo,
  deps: Partial<Pick<TrainerDeps, 'assetsDir' | 'now' | 'wasmDir' | 'trainWorkerScript'>> & { nodeModuleDirs?: readonly string[] } = {}): Promise<number> {
  const options = parse(args);
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if ('usageError' in options) {
    io.stderr(`layerlens train: ${options.usageError}\n${USAGE}`);
    return 2;
  }
  const failed = (message: string): number => {
    io.stderr(`error: ${message}\n`);
    if (options.json) io.stdout(`${JSON.stringify({ runDir: options.resume ? resolve(options.resume) : '', backend: '', device: '', status: 'failed', final: {}, message })}\n`);
    return 1;
  };
  let modelFile: string;
  let text: string;
  let runsDir: string;
  try {
    if (options.resume !== undefined) {
      const runDir = resolve(options.resume);
      modelFile = readMeta(runDir).modelFile;
      text = io.readFile(join(runDir, RUN_FILES.spec));
      runsDir = dirname(runDir);
    } else {
      modelFile = resolve(options.file ?? '');
      text = io.readFile(modelFile);
      runsDir = resolve(options.out ?? join(dirname(modelFile), '.layerlens', 'runs'));
    }
  } catch (error) {
    const what = options.resume !== undefined ? `cannot resume ${options.resume}` : `${options.file ?? ''}: cannot read file`;
    return failed(`${what}: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`);
  }
  // Progress goes to stderr with --json, so stdout holds only the result line.
  const progressOut = options.json ? io.stderr.bind(io) : io.stdout.bind(io);
  const view = new ProgressView(progressOut, io.isTTY && !options.json);
  let started: Extract<TrainerMessage, { type: 'runStarted' }> | undefined;
  const trainer = createTrainer({
    selectBackend,
    assetsDir: deps.assetsDir ?? join(__dirname, 'data'),
    ...(deps.wasmDir !== undefined ? { wasmDir: deps.wasmDir } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.trainWorkerScript !== undefined ? { trainWorkerScript: deps.trainWorkerScript } : trainWorkerScriptBeside(__dirname)),
    notify: (message) => {
      switch (message.type) {
        case 'runStarted':
          started = message;
          view.started(message.backend, message.device, message.reasons, message.runDir);
          break;
        case 'runMetrics':
          view.metrics(message.rows, message.progress);
          break;
        case 'log':
          if (message.level !== 'info') io.stderr(`${message.level}: ${message.message}\n`);
          break;
        default: {
          const unknown: never = message;
          throw new Error(`unexpected message ${JSON.stringify(unknown)}`);
        }
      }
    },
  });
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    if (started) trainer.requestStop(started.runId);
  };
  process.once('SIGINT', onInterrupt);
  let result: TrainResult;
  try {
    result = await trainer.train({
      modelFile, text, runsDir,
      backend: { preference: options.backend, nodeModuleDirs: deps.nodeModuleDirs ?? [] },
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      ...(options.resume !== undefined ? { resumeRunDir: resolve(options.resume) } : {}),
      ...(options.keepCheckpoints !== undefined ? { keepCheckpoints: options.keepCheckpoints } : {}),
      threads: options.threads ?? 0,
    });
  } catch (error) {
    // The trainer's contract is never to throw; should it break, the --json line still ends the output.
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    result = { runId: '', runDir: started?.runDir ?? '', status: 'failed', message: `training failed: ${message}`, final: {} };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  view.finish();
  if (result.status === 'failed') io.stderr(`error: ${result.message ?? 'training failed'}\n`);
  else progressOut(`${result.status === 'stopped' ? `stopped: ${result.message ?? ''}\n` : ''}final: ${formatValues(result.final)}\nrun folder: ${result.runDir}\n`);
  if (options.json) {
    io.stdout(`${JSON.stringify({
      runDir: result.runDir, backend: started?.backend ?? '', device: started?.device ?? '', status: result.status, final: result.final,
      ...(result.message !== undefined ? { message: result.message } : {}),
      ...(result.evaluation !== undefined ? { evaluation: result.evaluation } : {}),
    })}\n`);
  }
  if (result.status === 'failed') return 1;
  return result.status === 'stopped' && interrupted ? 130 : 0;
}

function formatValues(values: Readonly<Record<string, number>>): string {
  return Object.entries(values).map(([name, value]) => `${name} ${formatNumber(value)}`).join('  ');
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(3) : value.toFixed(4);
}

/** Terminal output: a redrawn bar on a TTY, one line per finished epoch always. */
class ProgressView {
  private barShown = false;

  constructor(private readonly write: (text: string) => void, private readonly tty: boolean) {}

  started(backend: string, device: string, reasons: readonly string[], runDir: string): void {
    this.write(`training on ${backend} (${device})\n${reasons.map((r) => `  skipped ${r}\n`).join('')}run folder: ${runDir}\n`);
  }

  metrics(rows: readonly MetricRow[], progress: TrainProgress): void {
    for (const row of rows) {
      if (row.kind !== 'epoch') continue;
      this.clearBar();
      this.write(`epoch ${row.epoch}/${progress.epochs}  ${formatValues(row.values)}\n`);
    }
    if (this.tty && progress.batch < progress.batchesPerEpoch) this.drawBar(progress);
  }

  finish(): void {
    this.clearBar();
  }

  private drawBar(p: TrainProgress): void {
    const width = 24;
    const filled = Math.round((p.batch / Math.max(1, p.batchesPerEpoch)) * width);
    const eta = p.etaSeconds === undefined ? '' : `  ETA ${Math.ceil(p.etaSeconds)}s`;
    const loss = p.loss === undefined ? '' : `  loss ${formatNumber(p.loss)}`;
    this.write(`\r\x1b[Kepoch ${p.epoch}/${p.epochs} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.batch}/${p.batchesPerEpoch}${loss}  ${Math.round(p.samplesPerSecond)} samples/s${eta}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.write('\r\x1b[K');
    this.barShown = false;
  }
}
