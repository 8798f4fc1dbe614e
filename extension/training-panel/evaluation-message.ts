// Reads what the Evaluation section shows of a run from its folder: evaluation.json (the final model's, or a
// checkpoint's), the checkpoint epochs and boundaries.jsonl. Readers of the runtime's files without TensorFlow.js;
// asynchronous, so a large evaluation never blocks the extension host.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOUNDARIES_FILE, parseBoundaries } from '../../runtime/boundary/boundaries-file';
import { evaluationPath, parseEvaluation } from '../../runtime/evaluation/evaluation-file';
import { checkpointEpochs, RUN_FILES } from '../../runtime/runs';
import type { TrainingToView } from '../../webviews/training/protocol';

/** The file's text, or '' when it is missing or unreadable (not written yet). */
const textOf = (path: string): Promise<string> => readFile(path, 'utf8').catch(() => '');

export async function evaluationMessage(runId: string, runDir: string, epoch?: number): Promise<Extract<TrainingToView, { type: 'evaluation' }>> {
  const [evaluationText, boundariesText, names] = await Promise.all([
    textOf(evaluationPath(runDir, epoch)), textOf(join(runDir, BOUNDARIES_FILE)),
    readdir(join(runDir, RUN_FILES.checkpoints)).catch(() => []),
  ]);
  const evaluation = parseEvaluation(evaluationText);
  return {
    type: 'evaluation', runId, ...(evaluation ? { evaluation } : {}), ...(epoch !== undefined ? { epoch } : {}),
    boundaries: parseBoundaries(boundariesText), checkpointEpochs: checkpointEpochs(names),
  };
}
