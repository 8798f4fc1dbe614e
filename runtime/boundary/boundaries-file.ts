// `boundaries.jsonl` in the run folder: the decision boundary at every epoch end, so a slider can replay how it formed.
// A run-level file rather than one per checkpoint folder, so it survives checkpoint pruning and loads in one read.
// Line 1 (again after a resume): `{"kind":"plane", ...}` with what does not change; then `{"kind":"epoch", ...}` per
// epoch, byte arrays in base64. Pure Node (no TensorFlow.js): the extension host reads it.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionBoundary } from '../protocol';

export const BOUNDARIES_FILE = 'boundaries.jsonl';

const b64 = (bytes: Uint8Array | Float32Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const bytesOf = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));
const floatsOf = (text: string): Float32Array => {
  const bytes = bytesOf(text);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

export function boundariesPath(runDir: string): string {
  return join(runDir, BOUNDARIES_FILE);
}

/** Appends an epoch's frame; `withPlane` first writes the plane line (the first frame of a run or of a resume). */
export function appendBoundary(runDir: string, frame: DecisionBoundary, withPlane: boolean): void {
  const lines: string[] = [];
  if (withPlane) {
    lines.push(JSON.stringify({ kind: 'plane', size: frame.size, xRange: frame.xRange, yRange: frame.yRange,
      classNames: frame.classNames, featureNames: frame.featureNames,
      points: { xs: b64(frame.points.xs), labels: b64(frame.points.labels), validation: b64(frame.points.validation) } }));
  }
  lines.push(JSON.stringify({ kind: 'epoch', epoch: frame.epoch, classes: b64(frame.classes), confidence: b64(frame.confidence) }));
  appendFileSync(boundariesPath(runDir), `${lines.join('\n')}\n`);
}

interface PlaneLine {
  kind: 'plane'; size: number; xRange: [number, number]; yRange: [number, number]; classNames: string[];
  featureNames: [string, string]; points: { xs: string; labels: string; validation: string };
}
interface EpochLine { kind: 'epoch'; epoch: number; classes: string; confidence: string }

/** The saved frames by epoch, ascending (a resumed epoch's newer frame wins); [] without a readable file. */
export function readBoundaries(runDir: string): DecisionBoundary[] {
  try {
    return parseBoundaries(readFileSync(boundariesPath(runDir), 'utf8'));
  } catch {
    return [];
  }
}

/** The frames of a boundaries.jsonl text (see readBoundaries). */
export function parseBoundaries(text: string): DecisionBoundary[] {
  const byEpoch = new Map<number, DecisionBoundary>();
  let plane: Omit<DecisionBoundary, 'epoch' | 'batch' | 'classes' | 'confidence'> | undefined;
  for (const line of text.split('\n')) {
    let value: PlaneLine | EpochLine;
    try {
      value = JSON.parse(line) as PlaneLine | EpochLine;
    } catch {
      continue; // empty, or torn by a kill mid-write
    }
    if (value.kind === 'plane') {
      plane = { size: value.size, xRange: value.xRange, yRange: value.yRange, classNames: value.classNames, featureNames: value.featureNames,
        points: { xs: floatsOf(value.points.xs), labels: bytesOf(value.points.labels), validation: bytesOf(value.points.validation) } };
    } else if (plane) {
      byEpoch.set(value.epoch, { ...plane, epoch: value.epoch, batch: 0, classes: bytesOf(value.classes), confidence: bytesOf(value.confidence) });
    }
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}
