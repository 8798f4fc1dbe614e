// Reads what the Evaluation section shows of a run from its folder: evaluation.json and boundaries.jsonl (pure Node
// readers of the runtime's files; no TensorFlow.js in the extension host).
import { readBoundaries } from '../../runtime/boundary/boundaries-file';
import { evaluationPath, readEvaluation } from '../../runtime/evaluation/evaluation-file';
import type { TrainingToView } from '../../webviews/training/protocol';

export function evaluationMessage(runId: string, runDir: string): Extract<TrainingToView, { type: 'evaluation' }> {
  const evaluation = readEvaluation(evaluationPath(runDir));
  return { type: 'evaluation', runId, ...(evaluation ? { evaluation } : {}), boundaries: readBoundaries(runDir) };
}
