// Evaluation of trained models on their validation split (evaluation.json).
export type * from './report';
export { evaluatePrepared, type EvaluationTarget } from './evaluate-model';
export { evaluateRun, type EvaluateRunOptions, type EvaluatedRun } from './evaluate-run';
export { EVALUATION_FILE, evaluationPath, readEvaluation, writeEvaluation } from './evaluation-file';
