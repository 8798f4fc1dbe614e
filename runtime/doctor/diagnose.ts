// Runs every diagnosis over one run's evidence.
import { diagnoseBatchNormStatistics } from './batch-norm';
import { diagnoseDeadRelus } from './dead-relus';
import { diagnoseFlatLoss } from './flat-loss';
import { diagnoseGradientFlow } from './gradient-flow';
import { diagnoseOverfitting } from './overfitting';
import type { Diagnosis, RunEvidence } from './types';

const DIAGNOSES: readonly ((evidence: RunEvidence) => Diagnosis | undefined)[] = [
  diagnoseBatchNormStatistics, diagnoseDeadRelus, diagnoseGradientFlow, diagnoseFlatLoss, diagnoseOverfitting,
];

/** Every pattern the run shows, most specific first. */
export function diagnoseRun(evidence: RunEvidence): Diagnosis[] {
  return DIAGNOSES.map((diagnose) => diagnose(evidence)).filter((d): d is Diagnosis => d !== undefined);
}
