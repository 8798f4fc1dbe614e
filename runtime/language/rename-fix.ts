// Renaming quick fixes that keep how a name was quoted (JSON keys are quoted, YAML ones usually plain).
import type { Scalar } from 'yaml';
import type { Range } from './types';

/** A name with its range and the quote it was written with ('' for plain), so a rename can keep the quoting. */
export interface NameValue {
  readonly value: string;
  readonly range: Range;
  readonly quote: string;
}

export function quoteOf(scalar: Scalar | undefined): string {
  return scalar?.type === 'QUOTE_DOUBLE' ? '"' : scalar?.type === 'QUOTE_SINGLE' ? "'" : '';
}

/** Replaces a scalar with another name, keeping its quotes (JSON keys are quoted). */
export function renameFix(scalar: Scalar, replacement: string, range: Range): { title: string; edits: { range: Range; newText: string }[] } {
  const quote = quoteOf(scalar);
  return { title: `Change to '${replacement}'`, edits: [{ range, newText: `${quote}${replacement}${quote}` }] };
}
