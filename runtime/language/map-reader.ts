// Reads typed values out of one YAML/JSON map, reporting wrong types, ranges and unknown keys with exact ranges.
// Bad values are replaced by a fallback and mark the reader `failed`, so callers can keep going without throwing.
import { isSeq, type ParsedNode, type Scalar, type YAMLMap } from 'yaml';
import { asScalar, asSeq, describeNode, scalarText, type SourceContext } from './source';
import { didYouMean, NameIndex } from './suggest';
import { quoteOf, renameFix, type NameValue } from './rename-fix';
import type { Pair, Range, Severity } from './types';

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** The minimum itself is not allowed (e.g. a learning rate > 0). */
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  readonly integer?: boolean;
}

/** Unknown keys of one map reported one by one; the rest in a single diagnostic. */
const UNKNOWN_KEYS_LISTED = 50;

interface Entry {
  readonly key: Scalar;
  readonly value: ParsedNode | null;
}

export class MapReader {
  /** True once any value was missing or invalid. */
  failed = false;
  private readonly requested = new Set<string>();

  constructor(
    private readonly ctx: SourceContext,
    private readonly map: YAMLMap<unknown, unknown> | undefined,
    /** Where to report missing keys. */
    private readonly ownerRange: Range,
    /** Used in messages, e.g. `conv2d` or `train`. */
    private readonly owner: string,
  ) {}

  /** Every key a reader method has asked for so far (known keys). */
  requestedKeys(): string[] {
    return [...this.requested];
  }

  has(name: string): boolean {
    this.requested.add(name);
    return this.entry(name) !== undefined;
  }

  keyRange(name: string): Range | undefined {
    const entry = this.entry(name);
    return entry ? this.ctx.rangeOf(entry.key) : undefined;
  }

  valueRange(name: string): Range | undefined {
    const entry = this.entry(name);
    return entry ? this.ctx.rangeOf(entry.value ?? entry.key) : undefined;
  }

  number(name: string, rule: NumberRule, fallback: number): number {
    return this.optionalNumber(name, rule) ?? fallback;
  }

  requiredNumber(name: string, rule: NumberRule, fallback: number): number {
    if (!this.has(name)) this.fail('missing-value', `${this.owner}: '${name}' is required`, this.ownerRange);
    return this.number(name, rule, fallback);
  }

  optionalNumber(name: string, rule: NumberRule): number | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    return this.checkNumber(entry.value, `'${name}'`, rule);
  }

  /** A number or `[h, w]`. */
  pair(name: string, rule: NumberRule, fallback: Pair): Pair {
    return this.optionalPair(name, rule) ?? fallback;
  }

  requiredPair(name: string, rule: NumberRule, fallback: Pair): Pair {
    if (!this.has(name)) this.fail('missing-value', `${this.owner}: '${name}' is required`, this.ownerRange);
    return this.pair(name, rule, fallback);
  }

  optionalPair(name: string, rule: NumberRule): Pair | undefined {
    const entry = this.lookup(name);
    return entry ? this.readPair(entry.value, `'${name}'`, rule) : undefined;
  }

  /** A number, `[h, w]` (symmetric) or `[[top, bottom], [left, right]]`. */
  padding2d(name: string, fallback: readonly [Pair, Pair]): readonly [Pair, Pair] {
    const entry = this.lookup(name);
    if (!entry) return fallback;
    const rule: NumberRule = { integer: true, min: 0, max: 100_000 };
    const seq = asSeq(entry.value);
    if (seq && seq.items.some((item) => isSeq(this.ctx.resolve(item)))) {
      if (seq.items.length !== 2) return this.invalid(entry.value, `'${name}' must be [[top, bottom], [left, right]]`, fallback);
      const rows = seq.items.map((item) => this.readPair(this.ctx.resolve(item), `'${name}'`, rule));
      const [rows0, rows1] = rows;
      return rows0 && rows1 ? [rows0, rows1] : fallback;
    }
    const symmetric = this.readPair(entry.value, `'${name}'`, rule);
    return symmetric ? [[symmetric[0], symmetric[0]], [symmetric[1], symmetric[1]]] : fallback;
  }

  enumValue<T extends string>(name: string, values: readonly T[], fallback: T): T {
    return this.optionalEnum(name, values) ?? fallback;
  }

  requiredEnum<T extends string>(name: string, values: readonly T[], fallback: T): T {
    if (!this.has(name)) this.fail('missing-value', `${this.owner}: '${name}' is required (one of ${values.join(', ')})`, this.ownerRange);
    return this.enumValue(name, values, fallback);
  }

  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const entry = this.lookup(name);
    return entry ? this.checkEnum(entry.value, `'${name}'`, values) : undefined;
  }

  enumList<T extends string>(name: string, values: readonly T[]): T[] | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const items = this.listItems(entry.value, name);
    if (!items) return undefined;
    return items.map((item) => this.checkEnum(item, `'${name}' entry`, values)).filter((v): v is T => v !== undefined);
  }

  bool(name: string, fallback: boolean): boolean {
    const entry = this.lookup(name);
    if (!entry) return fallback;
    const value: unknown = asScalar(entry.value)?.value;
    return typeof value === 'boolean' ? value : this.invalid(entry.value, `'${name}' must be true or false`, fallback);
  }

  optionalString(name: string): string | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const value: unknown = asScalar(entry.value)?.value;
    return typeof value === 'string' && value.length > 0 ? value : this.invalid(entry.value, `'${name}' must be a non-empty string`, undefined);
  }

  /** A column given by name or 0-based index. */
  optionalColumn(name: string): string | number | undefined {
    const entry = this.lookup(name);
    return entry ? this.checkColumn(entry.value, name) : undefined;
  }

  optionalColumns(name: string): (string | number)[] | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const items = this.listItems(entry.value, name);
    return items?.map((item) => this.checkColumn(item, name)).filter((v): v is string | number => v !== undefined);
  }

  /** A name given as a string or a number (YAML reads `id: 1` as a number). */
  optionalName(name: string): NameValue | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    return this.checkName(entry.value, name);
  }

  /** One name or a list of names, each with its range. */
  nameList(name: string): NameValue[] | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const items = this.listItems(entry.value, name);
    return items?.map((item) => this.checkName(item, name)).filter((v): v is NameValue => v !== undefined);
  }

  /** A list of integers such as a shape; `allowMinusOne` permits one -1 entry. */
  intList(name: string, rule: NumberRule, allowMinusOne: boolean): number[] | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const items = this.listItems(entry.value, name);
    if (!items) return undefined;
    if (items.length === 0 || items.length > 8) return this.invalid(entry.value, `'${name}' must list 1 to 8 dimensions`, undefined);
    const values = items.map((item) => {
      if (allowMinusOne && asScalar(item)?.value === -1) return -1;
      return this.checkNumber(item, `'${name}' entry`, rule) ?? 1;
    });
    if (values.filter((v) => v === -1).length > 1) return this.invalid(entry.value, `'${name}' may contain at most one -1`, undefined);
    return values;
  }

  /** A list of 1 to `maxItems` distinct numbers, e.g. class indices. */
  distinctNumbers(name: string, rule: NumberRule, maxItems: number): number[] | undefined {
    const entry = this.lookup(name);
    if (!entry) return undefined;
    const items = this.listItems(entry.value, name);
    if (!items) return undefined;
    if (items.length === 0 || items.length > maxItems) return this.invalid(entry.value, `'${name}' must list 1 to ${maxItems} values`, undefined);
    const values = items.map((item) => this.checkNumber(item, `'${name}' entry`, rule));
    if (values.some((v) => v === undefined)) return undefined;
    if (new Set(values).size !== values.length) return this.invalid(entry.value, `'${name}' lists a value twice`, undefined);
    return values.filter((v): v is number => v !== undefined);
  }

  /** Marks `name` as known and returns its value node with the key's range, for a nested section such as a map. */
  section(name: string): { readonly node: ParsedNode | null; readonly keyRange: Range } | undefined {
    const entry = this.lookup(name);
    return entry ? { node: entry.value, keyRange: this.ctx.rangeOf(entry.key) } : undefined;
  }

  /** Reports every key that no reader method asked for (the first ones one by one, then a count). */
  reportUnknownKeys(what: string, severity: Severity): void {
    const known = new NameIndex(this.requested);
    const code = what === 'parameter' ? 'unknown-param' : 'unknown-key';
    let unknown = 0;
    for (const item of this.map?.items ?? []) {
      const key = asScalar(item.key);
      const name = scalarText(key?.value);
      if (this.requested.has(name)) continue;
      if (severity === 'error') this.failed = true;
      if (++unknown > UNKNOWN_KEYS_LISTED) continue;
      const { suffix, suggestion } = didYouMean(name, known);
      const range = this.ctx.rangeOf(key ?? this.map);
      const fixes = suggestion !== undefined && key ? [renameFix(key, suggestion, range)] : undefined;
      this.ctx.report(severity, code, `${this.owner}: unknown ${what} '${name}'${suffix}`, range, fixes);
    }
    if (unknown > UNKNOWN_KEYS_LISTED) {
      this.ctx.report(severity, code, `${this.owner}: ${unknown - UNKNOWN_KEYS_LISTED} more unknown ${what}s`, this.ownerRange);
    }
  }

  private entry(name: string): Entry | undefined {
    for (const item of this.map?.items ?? []) {
      const key = asScalar(item.key);
      if (key && scalarText(key.value) === name) return { key, value: this.ctx.resolve(item.value) };
    }
    return undefined;
  }

  /** Marks `name` as known and returns its entry when present with a non-null value. */
  private lookup(name: string): Entry | undefined {
    this.requested.add(name);
    const entry = this.entry(name);
    if (!entry) return undefined;
    if (entry.value === null || (asScalar(entry.value) && asScalar(entry.value)?.value === null)) {
      this.fail('missing-value', `${this.owner}: '${name}' needs a value`, this.ctx.rangeOf(entry.key));
      return undefined;
    }
    return entry;
  }

  private listItems(node: ParsedNode | null, name: string): (ParsedNode | null)[] | undefined {
    const seq = asSeq(node);
    if (seq) return seq.items.map((item) => this.ctx.resolve(item));
    if (asScalar(node)) return [node];
    return this.invalid(node, `'${name}' must be a list`, undefined);
  }

  private readPair(node: ParsedNode | null, label: string, rule: NumberRule): Pair | undefined {
    const seq = asSeq(node);
    if (!seq) {
      const value = this.checkNumber(node, label, rule);
      return value === undefined ? undefined : [value, value];
    }
    if (seq.items.length !== 2) return this.invalid(node, `${label} must be a number or [h, w]`, undefined);
    const [h, w] = seq.items.map((item) => this.checkNumber(this.ctx.resolve(item), label, rule));
    return h !== undefined && w !== undefined ? [h, w] : undefined;
  }

  private checkNumber(node: ParsedNode | null, label: string, rule: NumberRule): number | undefined {
    const value: unknown = asScalar(node)?.value;
    const kind = rule.integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || Number.isNaN(value)) {
      return this.invalid(node, `${label} must be ${kind} (got ${describeNode(node)})`, undefined);
    }
    if (rule.integer && !Number.isInteger(value) && Number.isFinite(value)) {
      return this.invalid(node, `${label} must be an integer (got ${value})`, undefined);
    }
    const { min, max } = rule;
    if (min !== undefined && (value < min || (rule.exclusiveMin === true && value === min))) {
      return this.invalid(node, `${label} must be ${rule.exclusiveMin ? '>' : '≥'} ${min} (got ${value})`, undefined);
    }
    if (max !== undefined && (value > max || (rule.exclusiveMax === true && value === max))) {
      const code = Number.isFinite(value) && value > max && max >= 1000 ? 'too-large' : 'bad-value';
      this.fail(code, `${label} must be ${rule.exclusiveMax ? '<' : '≤'} ${max} (got ${value})`, this.ctx.rangeOf(node));
      return undefined;
    }
    if (!Number.isFinite(value)) return this.invalid(node, `${label} must be finite`, undefined);
    return value;
  }

  private checkEnum<T extends string>(node: ParsedNode | null, label: string, values: readonly T[]): T | undefined {
    const scalar = asScalar(node);
    const value: unknown = scalar?.value;
    const match = values.find((v) => v === value);
    if (match !== undefined) return match;
    if (typeof value !== 'string' || !scalar) return this.invalid(node, `${label} must be one of ${values.join(', ')}`, undefined);
    const { suffix, suggestion } = didYouMean(value, values);
    const range = this.ctx.rangeOf(node);
    const fixes = suggestion !== undefined ? [renameFix(scalar, suggestion, range)] : undefined;
    this.failed = true;
    this.ctx.report('error', 'bad-value', `${this.owner}: ${label} '${value}' is not one of ${values.join(', ')}${suffix}`, range, fixes);
    return undefined;
  }

  private checkColumn(node: ParsedNode | null, name: string): string | number | undefined {
    const value: unknown = asScalar(node)?.value;
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    return this.invalid(node, `'${name}' must be a column name or a 0-based column index`, undefined);
  }

  private checkName(node: ParsedNode | null, name: string): NameValue | undefined {
    const scalar = asScalar(node);
    const value: unknown = scalar?.value;
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text === 'string' && text.length > 0 && text.length <= 200) {
      return { value: text, range: this.ctx.rangeOf(node), quote: quoteOf(scalar) };
    }
    return this.invalid(node, `'${name}' must be a layer id (a short string)`, undefined);
  }

  private invalid<T>(node: ParsedNode | null, message: string, fallback: T): T {
    this.fail('bad-value', `${this.owner}: ${message}`, this.ctx.rangeOf(node));
    return fallback;
  }

  private fail(code: 'bad-value' | 'missing-value' | 'too-large', message: string, range: Range): void {
    this.failed = true;
    this.ctx.report('error', code, message.startsWith(`${this.owner}:`) ? message : `${this.owner}: ${message}`, range);
  }
}
