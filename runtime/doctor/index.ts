// The training doctor: known failure patterns of a run, each a pure function over its metrics.jsonl rows, its
// layer-stats.json and facts from its spec. Shown in the Training panel and the Output channel.
export type { Diagnosis, DiagnosisKind, DoctorFix, DoctorLink, ModelFacts, RunEvidence } from './types';
export { diagnoseRun } from './diagnose';
export { modelFacts } from './facts';
export { diagnoseRunDir, diagnoseRunFiles } from './read-run';
