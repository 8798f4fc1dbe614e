// Reads what the Evaluation section shows of a run from its folder: evaluation.json (the final model's, or a
// checkpoint's), the checkpoint epochs and boundaries.jsonl. Pure Node readers of the runtime's files: no TensorFlow.js
// in the extension host.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBoundaries } from '../../runtime/boundary/boundaries-file';
import { evaluationPath, readEvaluation } from '../../runtime/evaluation/evaluation-file';
import { checkpointEpochs, RUN_FILES } from '../../runtime/runs';
import type { TrainingToView } from '../../webviews/training/protocol';

export function evaluationMessage(runId: string, runDir: string, epoch?: number): Extract<TrainingToView, { type: 'evaluation' }> {
  const evaluation = readEvaluation(evaluationPath(runDir, epoch));
  let epochs: number[] = [];
  try {
    epochs = checkpointEpochs(readdirSync(join(runDir, RUN_FILES.checkpoints)));
  } catch {
    // No checkpoints (yet).
  }
  return {
    type: 'evaluation', runId, ...(evaluation ? { evaluation } : {}), ...(epoch !== undefined ? { epoch } : {}),
    boundaries: readBoundaries(runDir), checkpointEpochs: epochs,
  };
}
