// How a run's spec (its `spec.yaml` snapshot) differs from the model file now, in a few words for a legend entry:
// `learningRate 0.001 → 0.01, +dropout`. Read "now → in this run": the left value is the model file's today, the right
// one the run's; `+type` is a layer the run had that the file no longer has, `-type` one the file has that the run
// lacked. Pure functions over checked specs (no vscode), unit-tested.
import type { LayerSpec, ModelSpec } from '../../runtime/language';
import { cachedSpec } from './spec-cache';

/** Top-level keys that do not change what is trained. */
const IGNORED_TOP_LEVEL = new Set(['name', 'description', 'layers', 'train', 'data', 'gan']);
/** Longer values are cut (a legend entry stays readable). */
const MAX_VALUE_TEXT = 40;
/** Layer keys compared separately (ids) or not at all. */
const IGNORED_LAYER_KEYS = new Set(['type', 'id']);

/** One change per differing setting or layer, `current → run` order; empty when the specs are equal. */
export function specChanges(current: ModelSpec, run: ModelSpec): string[] {
  const changes: string[] = [];
  compareRecords(changes, '', asRecord(current), asRecord(run), IGNORED_TOP_LEVEL);
  compareRecords(changes, '', asRecord(current.train), asRecord(run.train));
  compareRecords(changes, 'data.', asRecord(current.data ?? {}), asRecord(run.data ?? {}));
  compareLayers(changes, current.layers, run.layers);
  // A GAN's `layers` are its discriminator's: its latent size and generator compare here; a spec without a GAN has
  // `task` saying so already.
  if (current.gan && run.gan) {
    compareRecords(changes, '', { latent: current.gan.latent }, { latent: run.gan.latent });
    compareLayers(changes, current.gan.generator, run.gan.generator);
  }
  return changes;
}

/** At most `max` changes, then `+N more`; empty string when there is none. */
export function summariseChanges(changes: readonly string[], max = 4): string {
  if (changes.length <= max) return changes.join(', ');
  return `${changes.slice(0, max).join(', ')}, +${changes.length - max} more`;
}

export const UNREADABLE_SPEC = 'spec not readable';

/**
 * The legend text for a run: checks both texts (cached, size-bounded) and summarises their differences.
 * `fileName` is the model file's name (it decides YAML or JSON for both, since `spec.yaml` is a verbatim snapshot).
 */
export function describeSpecDiff(currentText: string, runText: string, fileName: string, max = 4): string {
  const current = cachedSpec(currentText, fileName);
  const run = cachedSpec(runText, fileName);
  if (!run) return UNREADABLE_SPEC;
  if (!current) return 'model file has errors';
  return summariseChanges(specChanges(current, run), max);
}

/**
 * The legend text for a run of ANOTHER model file overlaid on this one: how that run's spec differs from this file
 * now, each text checked under its own file name. Between two files the qualitative differences are usually the
 * point (memorization vs lenet: `data.shuffleLabels false → true`) while epochs and sizes differ anyway: see
 * `mostTellingFirst`. `same spec` when nothing differs.
 */
export function describeFileDiff(currentText: string, currentFile: string, runText: string, runFile: string, max = 4): string {
  const current = cachedSpec(currentText, currentFile);
  const run = cachedSpec(runText, runFile);
  if (!run) return UNREADABLE_SPEC;
  if (!current) return 'model file has errors';
  return summariseChanges(mostTellingFirst(specChanges(current, run)), max) || 'same spec';
}

/**
 * Stable order: non-numeric model, training and data settings (`task`, `data.shuffleLabels`, `optimizer`), then layers
 * added or removed (`+type`, `-type`), then non-numeric layer parameters, then numeric changes (`epochs 3 → 30`).
 */
export function mostTellingFirst(changes: readonly string[]): string[] {
  const rank = (change: string): number => {
    if (/^[+-]/.test(change)) return 1;
    const arrow = change.lastIndexOf(' → ');
    const key = change.slice(0, change.indexOf(' '));
    const before = change.slice(key.length + 1, arrow);
    const after = change.slice(arrow + ' → '.length);
    const numeric = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));
    if (numeric(before) && numeric(after)) return 3;
    return !key.includes('.') || key.startsWith('data.') ? 0 : 2;
  };
  return changes.map((change, index) => ({ change, index }))
    .sort((a, b) => rank(a.change) - rank(b.change) || a.index - b.index)
    .map((entry) => entry.change);
}

function compareRecords(changes: string[], prefix: string, current: Record<string, unknown>, run: Record<string, unknown>,
  ignored: ReadonlySet<string> = new Set()): void {
  const keys = [...new Set([...Object.keys(current), ...Object.keys(run)])].filter((k) => !ignored.has(k));
  for (const key of keys) {
    const before = current[key];
    const after = run[key];
    if (!sameValue(before, after)) changes.push(`${prefix}${key} ${formatValue(before)} → ${formatValue(after)}`);
  }
}

/**
 * Layers are matched by the longest common subsequence of their types, so inserting a dropout shows as `+dropout`
 * instead of every later layer changing; matched layers are compared key by key, named by the current layer's id.
 */
function compareLayers(changes: string[], current: readonly LayerSpec[], run: readonly LayerSpec[]): void {
  const pairs = matchByType(current.map((l) => l.type), run.map((l) => l.type));
  let i = 0;
  let j = 0;
  for (const [ci, rj] of [...pairs, [current.length, run.length] as const]) {
    for (; i < ci; i++) changes.push(`-${current[i]?.type ?? ''}`);
    for (; j < rj; j++) changes.push(`+${run[j]?.type ?? ''}`);
    const a = current[ci];
    const b = run[rj];
    if (a && b) compareRecords(changes, `${a.id}.`, asRecord(a), asRecord(b), IGNORED_LAYER_KEYS);
    i = ci + 1;
    j = rj + 1;
  }
}

/** Index pairs of a longest common subsequence of two sequences, in order. */
export function matchByType(a: readonly string[], b: readonly string[]): [number, number][] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (x: number, y: number): number => table[x]?.[y] ?? 0;
  for (let x = a.length - 1; x >= 0; x--) {
    const row = table[x];
    if (!row) continue;
    for (let y = b.length - 1; y >= 0; y--) row[y] = a[x] === b[y] ? at(x + 1, y + 1) + 1 : Math.max(at(x + 1, y), at(x, y + 1));
  }
  const pairs: [number, number][] = [];
  for (let x = 0, y = 0; x < a.length && y < b.length;) {
    if (a[x] === b[y]) pairs.push([x++, y++]);
    else if (at(x + 1, y) >= at(x, y + 1)) x++;
    else y++;
  }
  return pairs;
}

function asRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value).replace(/,/g, ', ');
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}
