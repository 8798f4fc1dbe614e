// The training doctor: known failure patterns of a run, each a pure function over its metrics.jsonl rows, its
// layer-stats.json and facts from its spec. Shown in the Training panel and the Output channel.
import { diagnoseBatchNormStatistics } from './batch-norm';
import { diagnoseDeadRelus } from './dead-relus';
import { diagnoseFlatLoss } from './flat-loss';
import { diagnoseGradientFlow } from './gradient-flow';
import { diagnoseOverfitting } from './overfitting';
import type { Diagnosis, RunEvidence } from './types';

export type { Diagnosis, DiagnosisKind, DoctorFix, DoctorLink, ModelFacts, RunEvidence } from './types';
export { modelFacts } from './facts';

const DIAGNOSES: readonly ((evidence: RunEvidence) => Diagnosis | undefined)[] = [
  diagnoseBatchNormStatistics, diagnoseDeadRelus, diagnoseGradientFlow, diagnoseFlatLoss, diagnoseOverfitting,
];

/** Every pattern the run shows, most specific first. */
export function diagnoseRun(evidence: RunEvidence): Diagnosis[] {
  return DIAGNOSES.map((diagnose) => diagnose(evidence)).filter((d): d is Diagnosis => d !== undefined);
}
