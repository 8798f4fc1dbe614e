// Adversarial attacks on a trained model (FGSM, PGD), robust accuracy against ε, input transforms, robustness.json.
export { ATTACK_KINDS, DEFAULT_PGD_STEPS, checkAttackParams, stepSizeOf } from './types';
export type { AttackKind, AttackParams, AttackedModel, LabelSource, ValidRange } from './types';
export { craftAdversarial, type AttackRequest } from './l-inf-attacks';
export { inputGradient, lossPerExample, KERAS_EPSILON } from './loss';
export { linfPerExample } from './projection';
export { classCount, labelsOfOutput, labelsOfTargets, predictedLabels, readValues, targetsFor, validRangeOf } from './labels';
export { applyTransform, checkTransform, medianFilter, TRANSFORM_CAVEAT, type InputTransform } from './input-transforms';
export { robustAccuracy, type RobustnessRequest, type RobustnessResult } from './robustness';
export { sanityFindings, type SanityFinding } from './sanity';
export { attackExample, robustnessOfRun, DEFAULT_ROBUSTNESS_SAMPLES, type RobustnessContext } from './attack-session';
export { readRobustness, storeRobustness, ROBUSTNESS_FILE, type RobustnessCurve, type RobustnessFileContent } from './robustness-file';
