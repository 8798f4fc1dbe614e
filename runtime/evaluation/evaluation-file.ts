// Where evaluation.json lives: the run folder for the final model, `checkpoints/epoch-N/` for a checkpoint's weights.
// Written atomically (a reader never sees a torn file). Pure Node: the extension host reads these too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointDir, writeJsonAtomic } from '../runs';
import type { Evaluation } from './report';

export const EVALUATION_FILE = 'evaluation.json';

/** `epoch` undefined: the final model's evaluation; else that checkpoint's. */
export function evaluationPath(runDir: string, epoch?: number): string {
  return join(epoch === undefined ? runDir : checkpointDir(runDir, epoch), EVALUATION_FILE);
}

export function writeEvaluation(path: string, evaluation: Evaluation): void {
  writeJsonAtomic(path, evaluation);
}

/** Undefined when the file is missing or not an evaluation. */
export function readEvaluation(path: string): Evaluation | undefined {
  try {
    return parseEvaluation(readFileSync(path, 'utf8'));
  } catch {
    return undefined; // missing
  }
}

/** Undefined when the text is not an evaluation (empty, torn, written by something else). */
export function parseEvaluation(text: string): Evaluation | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null) {
      const task = (value as Record<string, unknown>)['task'];
      if (task === 'classification' || task === 'regression' || task === 'segmentation') return value as Evaluation;
    }
  } catch {
    // Not JSON.
  }
  return undefined;
}
