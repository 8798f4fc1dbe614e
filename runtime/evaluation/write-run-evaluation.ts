// The end-of-run step: evaluate the final model on the validation split and write evaluation.json. A bonus like the
// layer statistics: its failure is reported, never fails the run.
import type { PreparedRun } from '../training/prepare';
import { evaluatePrepared } from './evaluate-model';
import { evaluationPath, writeEvaluation } from './evaluation-file';

/** Returns the path written, or undefined (no validation split, or evaluation failed: `warn` says why). */
export async function writeRunEvaluation(runDir: string, prepared: PreparedRun, epochsDone: number,
  warn: (message: string) => void): Promise<string | undefined> {
  if (prepared.dataset.validation.size === 0) return undefined;
  try {
    const path = evaluationPath(runDir);
    writeEvaluation(path, await evaluatePrepared(prepared, { epoch: epochsDone, weights: 'final' }));
    return path;
  } catch (error) {
    warn(`evaluation.json was not written: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
