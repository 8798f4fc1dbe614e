// Source positions and diagnostics collection over a parsed `yaml` document.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type ParsedNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, DiagnosticCode, Position, QuickFix, Range, Severity } from './types';

export class SourceContext implements Reporter {
  readonly diagnostics: Diagnostic[] = [];
  /** Offsets where each line starts (cheaper than the parser's LineCounter hook). */
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, col: clamped - (this.lineStarts[low] ?? 0) };
  }

  rangeOfOffsets(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The node's own text (without trailing comments), or an empty range at the document start. */
  rangeOf(node: Node | null | undefined): Range {
    const range = node?.range;
    if (!range) return this.rangeOfOffsets(0, 0);
    return this.rangeOfOffsets(range[0], range[1]);
  }

  report(severity: Severity, code: DiagnosticCode, message: string, range: Range, fixes?: readonly QuickFix[]): void {
    this.diagnostics.push(fixes && fixes.length > 0 ? { severity, code, message, range, fixes } : { severity, code, message, range });
  }

  /** Follows an alias to its anchored node; other nodes are returned unchanged. */
  resolve(node: unknown): ParsedNode | null {
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return target && !isAlias(target) ? (target as ParsedNode) : null;
    }
    return (node ?? null) as ParsedNode | null;
  }
}

/** Where diagnostics go; SourceContext is one. */
export interface Reporter {
  report(severity: Severity, code: DiagnosticCode, message: string, range: Range, fixes?: readonly QuickFix[]): void;
}

export function reporterFor(diagnostics: Diagnostic[]): Reporter {
  return {
    report(severity, code, message, range, fixes) {
      diagnostics.push(fixes && fixes.length > 0 ? { severity, code, message, range, fixes } : { severity, code, message, range });
    },
  };
}

export function asMap(node: unknown): YAMLMap<unknown, unknown> | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq<unknown> | undefined {
  return isSeq(node) ? node : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** The text of a scalar key or value (numbers and booleans as written by String), '' for anything else. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === null ? 'null' : '';
}

/** A short printable form of a node's value for messages. */
export function describeNode(node: unknown): string {
  if (isScalar(node)) {
    const value: unknown = node.value;
    if (value === null) return 'null';
    const text = typeof value === 'string' ? `'${value}'` : scalarText(value);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  return 'nothing';
}
