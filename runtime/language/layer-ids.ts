// Layer ids TensorFlow.js accepts. tfjs-layers refuses other names when it builds the model ("Not a valid tensor
// name"), which used to fail training with no location (issue 11: `my layer`, `_tmp`, `a:b`).
import type { ParsedLayer } from './parse-layers';
import type { Reporter } from './source';
import type { QuickFix, TextEdit } from './types';

/** tfjs-layers' own rule (common.ts, `isValidTensorName`). */
const TENSOR_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function isValidLayerId(id: string): boolean {
  return TENSOR_NAME.test(id);
}

/** `my layer` → `my_layer`, `_tmp` → `tmp`, `a:b` → `a_b`; never an id in `taken`. */
export function validLayerId(id: string, taken: ReadonlySet<string>): string {
  const base = id.replace(/[^-A-Za-z0-9._/]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'layer';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
  return candidate;
}

/**
 * Reports user ids TensorFlow.js would refuse, with a quick fix that renames the id and every `from` naming it.
 * `taken` holds every user id (the replacement avoids them).
 */
export function reportInvalidIds(report: Reporter, layers: readonly ParsedLayer[], taken: ReadonlySet<string>): void {
  const refsById = new Map<string, TextEditSource[]>();
  for (const layer of layers) {
    for (const ref of layer.from ?? []) {
      if (isValidLayerId(ref.value)) continue;
      const list = refsById.get(ref.value) ?? [];
      list.push(ref);
      refsById.set(ref.value, list);
    }
  }
  const used = new Set(taken);
  for (const layer of layers) {
    const id = layer.userId;
    if (!id || isValidLayerId(id.value) || id.value === 'input') continue;
    const replacement = validLayerId(id.value, used);
    used.add(replacement);
    const edits: TextEdit[] = [id, ...(refsById.get(id.value) ?? [])].map((source) => rename(source, replacement));
    const fix: QuickFix = { title: `Rename to '${replacement}'`, edits };
    report.report('error', 'bad-value',
      `layer id '${id.value}' is not accepted by TensorFlow.js: start with a letter or digit, then use only letters, digits, '-', '.', '_' or '/'`,
      id.range, [fix]);
  }
}

interface TextEditSource {
  readonly range: TextEdit['range'];
  readonly quote?: string;
}

function rename(source: TextEditSource, replacement: string): TextEdit {
  const quote = source.quote ?? '';
  return { range: source.range, newText: `${quote}${replacement}${quote}` };
}
