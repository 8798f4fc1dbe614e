// Hover documentation for the keys of `train.adversarial` (layers have their own hover in hover.ts): finds the key
// under the cursor by walking the parsed document, so it works for YAML and JSON model files alike.
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { Position, Range } from './types';

const ADVERSARIAL_DOC = '**train.adversarial** — adversarial training: each batch, a `ratio` share of its examples is replaced by '
  + 'adversarial examples crafted on the current weights (ART\'s AdversarialTrainer; Madry et al. with `pgd`). The metrics gain '
  + '`adversarial_accuracy`, the accuracy on the crafted part of each batch. Compare the robustness curves of this run and of the same '
  + 'model trained without it. Classification only.';

const ADVERSARIAL_KEY_DOCS: Readonly<Record<string, string>> = {
  attack: '`fgsm`: one step of size `epsilon` along the sign of the loss gradient (fast). `pgd`: `steps` signed-gradient steps of '
    + 'size `stepSize`, each projected back onto the ε-ball and the valid range (stronger, `steps` times slower).',
  epsilon: 'L∞ budget in the model\'s input units: `0.1` on images in [0, 1] allows each pixel to move by 0.1. Required.',
  ratio: 'Share of each batch replaced by adversarial examples, 0…1 (ART\'s default is 0.5). Required.',
  steps: 'PGD iterations. Default: `10`. Ignored by `fgsm`.',
  stepSize: 'PGD step size α. Default: `2.5·epsilon/steps` (enough to reach the ε-ball\'s boundary). Ignored by `fgsm`.',
};

/** True when `line` may hold a key documented here: a cheap test before parsing the whole text. */
export function namesDocumentedKey(line: string): boolean {
  return /\b(adversarial|attack|epsilon|ratio|steps|stepSize)\b/.test(line);
}

export interface KeyHover {
  readonly markdown: string;
  readonly range: Range;
}

/** Documentation of the `train.adversarial` key (or one of its keys) at the 0-based position, if the cursor is on one. */
export function keyHoverAt(text: string, at: Position): KeyHover | undefined {
  const offset = offsetOf(text, at);
  const doc = parseDocument(text, { uniqueKeys: false }); // yaml's duplicate-key check is quadratic
  const train = pairNamed(doc.contents, 'train');
  const adversarial = pairNamed(train?.value ?? null, 'adversarial');
  if (!adversarial) return undefined;
  const within = (node: Node): boolean => node.range !== undefined && node.range !== null && offset >= node.range[0] && offset < node.range[1];
  if (within(adversarial.key)) return { markdown: ADVERSARIAL_DOC, range: rangeOf(text, adversarial.key) };
  if (!isMap(adversarial.value)) return undefined;
  for (const item of adversarial.value.items) {
    if (!isScalar(item.key) || !within(item.key)) continue;
    const name = String(item.key.value);
    const doc = ADVERSARIAL_KEY_DOCS[name];
    return doc ? { markdown: `**train.adversarial.${name}** — ${doc}`, range: rangeOf(text, item.key) } : undefined;
  }
  return undefined;
}

function pairNamed(node: unknown, name: string): { key: Node; value: unknown } | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isScalar(item.key) && item.key.value === name) return { key: item.key, value: item.value };
  }
  return undefined;
}

function offsetOf(text: string, at: Position): number {
  let offset = 0;
  for (let line = 0; line < at.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + at.col;
}

function rangeOf(text: string, node: Node): Range {
  const [start, end] = node.range ?? [0, 0];
  const position = (offset: number): Position => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, col: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(start), end: position(end) };
}
