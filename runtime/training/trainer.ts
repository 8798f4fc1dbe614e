// Trains one model file: check → backend → data → build → run folder → epochs → final model and layer statistics.
// Runs in the runtime child process (the lead's handlers call it) and in-process in unit tests and the CLI.
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendSelection, SelectBackendOptions } from '../backends';
import { HARD_LIMIT_SHARE } from '../language';
import type { FromRuntimeMessage, TrainParams, TrainResult } from '../protocol';
import { createRunDir, runIdOf, writeFinalMeta, writeLayerStats, type RunMeta } from '../runs';
import { DEFAULT_KEEP_CHECKPOINTS } from '../runs/checkpoint-retention';
import { oneLine } from './checkpoint-restore';
import { batchesPerEpoch, type LoopOutcome, type LoopPlan } from './epoch-loop';
import { reconstructionImages, writeEpochImages } from './epoch-images';
import { runGanEpochs } from './gan-loop';
import { runEpochsThreaded, threadCount } from './parallel/parallel-runner';
import { PrerequisiteMissing, type InitOutcome } from './init-weights';
import { computeLayerStats } from './layer-stats';
import { writeRunEvaluation } from '../evaluation/write-run-evaluation';
import { checkText, prepareRun, type PreparedRun } from './prepare';
import { randomSeed } from './prng';
import { RunSession } from './run-session';
import { memoryRefusal, readResumePoint, startPoint, type ResumePoint, type StartPoint } from './start-point';

/** Messages the trainer sends to the parent process. */
export type TrainerMessage = Extract<FromRuntimeMessage, { type: 'runStarted' | 'runMetrics' | 'log' }>;

export interface TrainerDeps {
  readonly notify: (message: TrainerMessage) => void;
  /** `selectBackend` from runtime/backends (injectable so tests can pin a backend). */
  readonly selectBackend: (options: SelectBackendOptions) => Promise<BackendSelection>;
  /** Folder of packed data assets (the bundle passes `path.join(__dirname, 'data')`). */
  readonly assetsDir: string;
  /** Folder of the tfjs-backend-wasm binaries, when not the installed package's. */
  readonly wasmDir?: string;
  /** Clock in ms since the epoch (rows' `time`, throughput, notification rate); defaults to Date.now. */
  readonly now?: () => number;
  /** Runs estimated to need more memory are refused before anything is allocated; default 80% of os.totalmem(). */
  readonly memoryLimitBytes?: number;
  /** The data-parallel worker's script (dist/train-worker.js); without it every run uses the single-worker path. */
  readonly trainWorkerScript?: string;
}

export interface Trainer {
  /** Resolves when the run ends; never rejects for training problems (they become `failed` results). */
  train(params: TrainParams): Promise<TrainResult>;
  /** Asks the run to stop after its current batch; false when no such run is active. */
  requestStop(runId: string): boolean;
}

export function createTrainer(deps: TrainerDeps): Trainer {
  const now = deps.now ?? Date.now;
  const active = new Map<string, tf.LayersModel>();
  let busy = false;
  const log = (level: 'info' | 'warn' | 'error', message: string): void => deps.notify({ type: 'log', level, message });

  async function train(params: TrainParams): Promise<TrainResult> {
    const resumeDir = params.resumeRunDir;
    const notStarted = (message: string): TrainResult =>
      ({ runId: resumeDir ? runIdOf(resumeDir) : '', runDir: resumeDir ?? '', status: 'failed', message, final: {} });
    if (busy) return notStarted('another run is in progress in this runtime; stop it first');
    busy = true;
    try {
      return await trainUnguarded(params, 0);
    } finally {
      busy = false;
    }
  }

  /** `depth`: how many prerequisite runs (`init.from` model files without a completed run) led here. */
  async function trainUnguarded(params: TrainParams, depth: number): Promise<TrainResult> {
    const resumeDir = params.resumeRunDir;
    const notStarted = (message: string): TrainResult =>
      ({ runId: resumeDir ? runIdOf(resumeDir) : '', runDir: resumeDir ?? '', status: 'failed', message, final: {} });
    let resume: ResumePoint | undefined;
    try {
      resume = resumeDir ? readResumePoint(resumeDir) : undefined;
    } catch (error) {
      return notStarted(`cannot resume ${resumeDir ?? ''}: ${messageOf(error)}`);
    }
    // A resumed run continues the architecture it was trained with, whatever the editor holds now.
    const checked = checkText(resume?.text ?? params.text, params.modelFile);
    if (checked.type === 'error') return notStarted(checked.message);
    const overLimit = memoryRefusal(checked.check, deps.memoryLimitBytes ?? HARD_LIMIT_SHARE * totalmem());
    if (overLimit) return notStarted(overLimit);
    let selection: BackendSelection;
    try {
      selection = await deps.selectBackend({
        preference: params.backend.preference, nodeModuleDirs: params.backend.nodeModuleDirs,
        ...(deps.wasmDir !== undefined ? { wasmDir: deps.wasmDir } : {}), log: (line) => log('info', line),
      });
    } catch (error) {
      return notStarted(messageOf(error));
    }
    const seed = resume?.meta.seed ?? checked.spec.train.seed ?? randomSeed();
    const prepareOptions = { modelFile: params.modelFile, assetsDir: deps.assetsDir, seed, runsDir: params.runsDir };
    let prepared: PreparedRun;
    try {
      prepared = await prepareRun(checked, prepareOptions);
    } catch (error) {
      if (!(error instanceof PrerequisiteMissing) || depth >= MAX_PREREQUISITE_DEPTH) return notStarted(messageOf(error));
      const before = await trainPrerequisite(error.prerequisiteFile, params, depth);
      if (before.status !== 'completed') {
        return notStarted(`${messageOf(error)}; training it first ended ${before.status}${before.message !== undefined ? `: ${before.message}` : ''}`);
      }
      try {
        prepared = await prepareRun(checked, prepareOptions);
      } catch (again) {
        return notStarted(messageOf(again));
      }
    }
    if (prepared.init) log('info', describeInit(prepared.init));
    try {
      return await trainPrepared(params, prepared, selection, seed, resume);
    } catch (error) {
      return notStarted(`training failed: ${messageOf(error)}`); // the contract: a failed result, never a throw
    } finally {
      try {
        prepared.dispose();
      } catch (error) {
        // A wasm trap (out of memory) can strike again while freeing: the run's result stands, the runtime says so.
        log('warn', `freeing the run's tensors failed: ${oneLine(messageOf(error))}`);
      }
    }
  }

  /** Trains the model file `init.from` names, with its own settings, into the same runs folder. */
  async function trainPrerequisite(file: string, params: TrainParams, depth: number): Promise<TrainResult> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { runId: '', runDir: '', status: 'failed', message: `cannot read ${file}: ${messageOf(error)}`, final: {} };
    }
    log('info', `init.from: ${file} has no completed run; training it first`);
    return trainUnguarded({ modelFile: file, text, runsDir: params.runsDir, backend: params.backend }, depth + 1);
  }

  async function trainPrepared(
    params: TrainParams, prepared: PreparedRun, selection: BackendSelection, seed: number, resume: ResumePoint | undefined,
  ): Promise<TrainResult> {
    const { spec } = prepared;
    // A resumed run keeps the total it was started with (an earlier --epochs too) unless told otherwise.
    const epochs = params.epochs ?? resume?.meta.epochsPlanned ?? spec.train.epochs;
    let runDir: string;
    try {
      runDir = resume?.runDir ?? createRunDir(params.runsDir, spec.name, new Date(now()));
    } catch (error) {
      return { runId: '', runDir: '', status: 'failed', message: oneLine(`cannot create the run folder: ${messageOf(error)}`), final: {} };
    }
    const runId = runIdOf(runDir);
    let start: StartPoint;
    try {
      start = await startPoint(runDir, prepared, params.text, resume);
    } catch (error) {
      const message = oneLine(`cannot ${resume ? 'resume' : 'start'} ${runId}: ${messageOf(error)}`);
      if (resume) writeFinalMeta(runDir, { ...resume.meta, status: 'failed', message, endedAt: new Date(now()).toISOString() });
      log('error', message);
      return { runId, runDir, status: 'failed', message, final: {} };
    }
    const { firstEpoch, stepsBefore } = start;
    if (start.resumedFrom) log('warn', `${runId}: ${start.resumedFrom}`);
    const meta: RunMeta = {
      name: spec.name, modelFile: params.modelFile, runId, backend: selection.backend, device: selection.device,
      software: selection.software, reasons: selection.reasons,
      versions: { node: process.versions.node, ...selection.versions }, seed, status: 'running', pid: process.pid,
      startedAt: resume?.meta.startedAt ?? new Date(now()).toISOString(), epochsPlanned: epochs, epochsDone: firstEpoch - 1,
      final: start.values,
      data: {
        source: prepared.dataset.source, trainSize: prepared.dataset.train.size, validationSize: prepared.dataset.validation.size,
        classNames: prepared.dataset.classNames,
        ...(prepared.dataset.targetScaling ? { targetScaling: prepared.dataset.targetScaling } : {}),
      },
      ...(resume?.meta.prunedCheckpoints ? { prunedCheckpoints: resume.meta.prunedCheckpoints } : {}),
      ...(start.resumedFrom ? { resumedFrom: start.resumedFrom } : {}),
    };
    const trainSize = prepared.dataset.train.size;
    const batchSize = Math.min(spec.train.batchSize, Math.max(1, trainSize));
    let session: RunSession;
    try {
      session = new RunSession(runDir, meta, prepared,
        { runId, epochs, batchesPerEpoch: batchesPerEpoch(trainSize, batchSize), trainSize, batchSize }, now,
        (rows, progress, boundary) => deps.notify({ type: 'runMetrics', runId, rows, progress, ...(boundary ? { boundary } : {}) }),
        { keep: params.keepCheckpoints ?? DEFAULT_KEEP_CHECKPOINTS, previousEpochs: start.previousEpochs });
    } catch (error) {
      const message = oneLine(`cannot write the run's files: ${messageOf(error)}`);
      writeFinalMeta(runDir, { ...meta, status: 'failed', message, endedAt: new Date(now()).toISOString() });
      return { runId, runDir, status: 'failed', message, final: {} };
    }
    deps.notify({ type: 'runStarted', runId, runDir, modelFile: params.modelFile, backend: selection.backend, device: selection.device, reasons: selection.reasons });
    active.set(runId, prepared.built.model);
    prepared.built.model.stopTraining = false;
    let outcome: LoopOutcome;
    let evaluation: string | undefined;
    try {
      const text = resume?.text ?? params.text;
      const threads = threadCount(params.threads, text, params.modelFile);
      if (threads.why !== undefined) log('info', `${runId}: ${threads.why}`);
      const plan: LoopPlan = {
        prepared, seed, firstEpoch, lastEpoch: epochs, stepsBefore, now,
        onRow: (row) => session.row(row),
        onBatch: (epoch, batch, samples, loss) => session.batchDone(epoch, batch, samples, loss),
        onEpochEnd: async (epoch, step, values) => {
          if (spec.task === 'reconstruction') writeEpochImages(runDir, await reconstructionImages(prepared, epoch));
          await session.epochDone(epoch, step, values, seed, new Date(now()));
        },
      };
      outcome = prepared.gan
        ? await runGanEpochs(plan, prepared.gan, (epoch, images) =>
          writeEpochImages(runDir, { kind: 'gan', epoch, shape: [...spec.input], images: Array.from(images) }))
        : await runEpochsThreaded(plan, threads.count, {
          workerScript: deps.trainWorkerScript, backend: selection.backend, text, modelFile: params.modelFile,
          ...(deps.wasmDir !== undefined ? { wasmDir: deps.wasmDir } : {}), log: (message) => log('info', `${runId}: ${message}`),
        });
      if (outcome.status !== 'failed') {
        await finishArtifacts(session, prepared, outcome.epochsDone, runDir);
        // Evaluation scores predictions against labels: a GAN has two models and no labels, an autoencoder no labels.
        if (!prepared.gan && spec.task !== 'reconstruction') evaluation = await writeRunEvaluation(runDir, prepared, outcome.epochsDone, (message) => log('warn', message));
      }
    } catch (error) {
      outcome = { status: 'failed', message: `training failed: ${messageOf(error)}`, epochsDone: session.currentMeta.epochsDone, step: 0 };
    } finally {
      active.delete(runId);
    }
    if (session.boundaryShare > 0) log('info', `${runId}: decision boundary took ${(session.boundaryShare * 100).toFixed(2)}% of training time`);
    if (session.boundaryProblem !== undefined) log('warn', `${runId}: no decision boundary: ${session.boundaryProblem}`);
    try {
      session.close();
    } catch (error) {
      if (outcome.status !== 'failed') outcome = { ...outcome, status: 'failed', message: `could not close metrics.jsonl: ${messageOf(error)}` };
    }
    const final = outcome.lastEpochValues ?? session.currentMeta.final;
    const reason = outcome.message ?? (outcome.status === 'stopped' ? `stopped after ${outcome.epochsDone} of ${epochs} epochs` : undefined);
    const message = reason === undefined ? undefined : oneLine(reason);
    const metaError = writeFinalMeta(runDir, {
      ...session.currentMeta, status: outcome.status, endedAt: new Date(now()).toISOString(), epochsDone: outcome.epochsDone, final,
      ...(message !== undefined ? { message } : {}),
    });
    if (metaError) log('error', `${runId}: meta.json could not be updated: ${oneLine(metaError.message)}`);
    if (outcome.status === 'failed' && message !== undefined) log('error', `${runId}: ${message}`);
    return {
      runId, runDir, status: outcome.status, ...(message !== undefined ? { message } : {}), final,
      ...(evaluation !== undefined ? { evaluation } : {}),
    };
  }

  /** Final model and layer statistics; statistics are a bonus, so their failure is only logged. */
  async function finishArtifacts(session: RunSession, prepared: PreparedRun, epochsDone: number, runDir: string): Promise<void> {
    await session.saveFinalModel();
    if (prepared.gan) return; // layer statistics describe one model fed by the data; a GAN is two
    try {
      const fromValidation = prepared.dataset.validation.size > 0;
      const split = fromValidation ? prepared.dataset.validation : prepared.dataset.train;
      const ys = fromValidation ? prepared.validationYs : prepared.trainYs;
      const count = Math.min(prepared.spec.train.batchSize, split.size);
      const [xBatch, yBatch] = tf.tidy(() => [split.xs.slice(0, count), ys.slice(0, count)]);
      try {
        const layers = await computeLayerStats(prepared.built, xBatch, yBatch);
        writeLayerStats(runDir, { epoch: epochsDone, batchSize: count, split: fromValidation ? 'validation' : 'train', layers });
      } finally {
        tf.dispose([xBatch, yBatch]);
      }
    } catch (error) {
      log('warn', `layer statistics were not computed: ${messageOf(error)}`);
    }
  }

  function requestStop(runId: string): boolean {
    const model = active.get(runId);
    if (!model) return false;
    model.stopTraining = true;
    return true;
  }

  return { train, requestStop };
}

/** A model file's `init.from` may itself start from another run; deeper chains are refused (and catch cycles). */
const MAX_PREREQUISITE_DEPTH = 3;

function describeInit(init: InitOutcome): string {
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : 'none');
  return `init: copied ${list(init.copied)} from ${init.modelDir}; frozen: ${list(init.frozen)}` +
    (init.skipped.length > 0 ? `; skipped ${init.skipped.join('; ')}` : '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
