// Evaluation on demand: rebuilds a finished run exactly as it trained (its spec.yaml, its seed, hence the same data
// and validation split), loads the final model's or a checkpoint's weights, evaluates and writes evaluation.json.
// The caller has selected a backend.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointDir, readMeta, RUN_FILES } from '../runs';
import { loadModelWeights } from '../training/model-files';
import { checkText, prepareRun } from '../training/prepare';
import { evaluatePrepared } from './evaluate-model';
import { evaluationPath, readEvaluation, writeEvaluation } from './evaluation-file';
import type { Evaluation } from './report';

export interface EvaluateRunOptions {
  /** A checkpoint epoch; undefined: the final model (`model/`). */
  readonly epoch?: number;
  /** Folder of packed data assets (mnist). */
  readonly assetsDir: string;
  /** Recompute even when the file exists. */
  readonly force?: boolean;
}

export interface EvaluatedRun {
  readonly evaluation: Evaluation;
  /** Where it was written (or read from). */
  readonly path: string;
}

export async function evaluateRun(runDir: string, options: EvaluateRunOptions): Promise<EvaluatedRun> {
  const path = evaluationPath(runDir, options.epoch);
  const cached = options.force ? undefined : readEvaluation(path);
  if (cached) return { evaluation: cached, path };
  const meta = readMeta(runDir);
  const weightsDir = options.epoch === undefined ? join(runDir, RUN_FILES.model) : checkpointDir(runDir, options.epoch);
  if (!existsSync(weightsDir)) {
    throw new Error(options.epoch === undefined
      ? `${runDir} has no final model (it did not finish); pass --epoch with one of its checkpoints`
      : `${runDir} has no checkpoint for epoch ${options.epoch}`);
  }
  const checked = checkText(readFileSync(join(runDir, RUN_FILES.spec), 'utf8'), meta.modelFile);
  if (checked.type === 'error') throw new Error(checked.message);
  const prepared = await prepareRun(checked, { modelFile: meta.modelFile, assetsDir: options.assetsDir, seed: meta.seed });
  try {
    if (prepared.dataset.validation.size === 0) throw new Error(`${runDir}: the run has no validation split to evaluate on`);
    loadModelWeights(prepared.built.model, weightsDir);
    const evaluation = await evaluatePrepared(prepared, options.epoch === undefined
      ? { epoch: meta.epochsDone, weights: 'final' } : { epoch: options.epoch, weights: 'checkpoint' });
    writeEvaluation(path, evaluation);
    return { evaluation, path };
  } finally {
    prepared.dispose();
  }
}
