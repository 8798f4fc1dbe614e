// `robustness.json` in a run folder: every robustness curve computed for the run, one per configuration (attack,
// steps, step size, random start, label, transfer source, input transform, checkpoint). A new curve replaces the one
// with the same configuration. Written atomically so a reader never sees a torn file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../runs/atomic-write';
import type { InputTransform } from './input-transforms';
import type { RobustnessResult } from './robustness';
import type { LabelSource } from './types';

export const ROBUSTNESS_FILE = 'robustness.json';

export interface RobustnessCurve extends RobustnessResult {
  readonly steps: number | null;
  /** Absolute PGD step size, or null for the default 2.5·ε/steps. */
  readonly stepSize: number | null;
  readonly randomStart: boolean;
  readonly seed: number;
  readonly label: LabelSource;
  /** Run folder the attack was crafted on (black-box transfer), or null when crafted on this run. */
  readonly transferFrom: string | null;
  readonly transform: InputTransform | null;
  /** Checkpoint epoch evaluated, or null for the final model. */
  readonly epoch: number | null;
  readonly createdAt: string;
}

export interface RobustnessFileContent {
  readonly version: 1;
  readonly curves: readonly RobustnessCurve[];
}

function configurationKey(curve: RobustnessCurve): string {
  const { attack, steps, stepSize, randomStart, label, transferFrom, transform, epoch } = curve;
  return JSON.stringify([attack, steps, stepSize, randomStart, label, transferFrom, transform, epoch]);
}

/** The curves stored for a run; none when the file is missing or unreadable. */
export function readRobustness(runDir: string): RobustnessCurve[] {
  try {
    const content = JSON.parse(readFileSync(join(runDir, ROBUSTNESS_FILE), 'utf8')) as { curves?: unknown };
    return Array.isArray(content.curves) ? (content.curves as RobustnessCurve[]) : [];
  } catch {
    return [];
  }
}

/** Adds `curve`, replacing a stored curve of the same configuration. */
export function storeRobustness(runDir: string, curve: RobustnessCurve): void {
  const key = configurationKey(curve);
  const curves = [...readRobustness(runDir).filter((stored) => configurationKey(stored) !== key), curve];
  const content: RobustnessFileContent = { version: 1, curves };
  writeJsonAtomic(join(runDir, ROBUSTNESS_FILE), content);
}
