// The doctor's one-click fixes as text edits of a model file: YAML keeps its layout and comments (only the value
// changes, or one key is added); JSON is re-serialised. The result is checked: a fix that did not take is undefined.
import { checkModel } from '../language/check';
import { formatOf } from '../language/parse';
import type { DoctorFix } from './types';

export type { DoctorFix };

/** The new text of the model file with `fix` applied, or undefined when it cannot be applied safely. */
export function applyDoctorFix(text: string, fileName: string, fix: DoctorFix): string | undefined {
  const edited = formatOf(fileName) === 'json' ? editJson(text, fix) : editYaml(text, fix);
  return edited !== undefined && fixTook(edited, fileName, fix) ? edited : undefined;
}

function fixTook(text: string, fileName: string, fix: DoctorFix): boolean {
  const spec = checkModel(text, fileName).spec;
  if (!spec) return false;
  if (fix.kind === 'setLearningRate') return spec.train.learningRate === fix.learningRate;
  const momenta = spec.layers.flatMap((l) => (l.type === 'batchNormalization' ? [l.momentum] : []));
  return momenta.length > 0 && momenta.every((m) => m === fix.momentum);
}

function editJson(text: string, fix: DoctorFix): string | undefined {
  let model: { layers?: unknown; train?: Record<string, unknown> };
  try { model = JSON.parse(text) as typeof model; } catch { return undefined; }
  if (fix.kind === 'setLearningRate') {
    model.train = { ...(model.train ?? {}), learningRate: fix.learningRate };
  } else {
    if (!Array.isArray(model.layers)) return undefined;
    model.layers = model.layers.map((layer: unknown) => {
      if (layer === 'batchNormalization') return { batchNormalization: { momentum: fix.momentum } };
      if (typeof layer !== 'object' || layer === null || !('batchNormalization' in layer)) return layer;
      const params = (layer).batchNormalization;
      return { ...layer, batchNormalization: { ...(typeof params === 'object' && params !== null ? params : {}), momentum: fix.momentum } };
    });
  }
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** Sets `key: value` in a flow map text `{ ... }` (replacing or prepending). */
function setInFlow(flow: string, key: string, value: number): string {
  const existing = new RegExp(`(\\b${key}\\s*:\\s*)[^,}\\s]+`);
  if (existing.test(flow)) return flow.replace(existing, `$1${value}`);
  const inner = flow.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  return inner === '' ? `{ ${key}: ${value} }` : `{ ${key}: ${value}, ${inner} }`;
}

/** Sets `key: value` in the block map under lines[header] (the lines indented deeper than `headerIndent`). */
function setInBlock(lines: string[], header: number, headerIndent: number, key: string, value: number): void {
  let end = header + 1;
  while (end < lines.length && (lines[end]?.trim() === '' || indentOf(lines[end] ?? '') > headerIndent)) end++;
  for (let i = header + 1; i < end; i++) {
    const match = new RegExp(`^(\\s*${key}\\s*:\\s*)\\S+(.*)$`).exec(lines[i] ?? '');
    if (match) { lines[i] = `${match[1] ?? ''}${value}${match[2] ?? ''}`; return; }
  }
  const first = lines.slice(header + 1, end).find((l) => l.trim() !== '');
  const indent = first === undefined ? ' '.repeat(headerIndent + 2) : ' '.repeat(indentOf(first));
  lines.splice(header + 1, 0, `${indent}${key}: ${value}`);
}

const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;

function editYaml(text: string, fix: DoctorFix): string | undefined {
  const lines = text.split('\n');
  if (fix.kind === 'setLearningRate') {
    const header = lines.findIndex((l) => /^train\s*:/.test(l));
    if (header < 0) return `${text.replace(/\n*$/, '\n')}train: { learningRate: ${fix.learningRate} }\n`;
    const rest = (lines[header] ?? '').replace(/^train\s*:\s*/, '');
    if (rest.startsWith('{')) lines[header] = `train: ${setInFlow(rest.replace(/\s+#.*$/, ''), 'learningRate', fix.learningRate)}`;
    else if (rest === '' || rest.startsWith('#')) setInBlock(lines, header, 0, 'learningRate', fix.learningRate);
    else return undefined;
    return lines.join('\n');
  }
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*-\s*)batchNormalization\b\s*(?::\s*(.*?))?\s*$/.exec(lines[i] ?? '');
    if (!match) continue;
    const dash = match[1] ?? '';
    const rest = (match[2] ?? '').replace(/\s+#.*$/, '');
    const flow = `${dash}batchNormalization: { momentum: ${fix.momentum} }`;
    if (match[2] === undefined || rest === '{}' || rest === 'null') {
      lines[i] = flow; // `- batchNormalization` (bare), `: {}` or `: null`
    } else if (rest.startsWith('{')) {
      lines[i] = `${dash}batchNormalization: ${setInFlow(rest, 'momentum', fix.momentum)}`;
    } else if (rest === '') {
      // `- batchNormalization:` and, on the next lines, either a block map of parameters or nothing (null).
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      const block = next !== undefined && indentOf(next) > indentOf(lines[i] ?? '') && /^\s*\w+\s*:/.test(next);
      if (block) setInBlock(lines, i, indentOf(lines[i] ?? ''), 'momentum', fix.momentum);
      else lines[i] = flow;
    } else {
      return undefined;
    }
  }
  return lines.join('\n');
}
