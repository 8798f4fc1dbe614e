// Cheap linear passes over a model file's text before the YAML parser sees it (issue 11, hostile files):
// line breaks normalised so ranges agree with the editor, and nesting measured so deep files never reach the
// parser's recursion.

/** Deeper documents are refused with one diagnostic; real model files nest fewer than 10 levels. */
export const MAX_NESTING_DEPTH = 64;

/**
 * Bare CR (old Mac line ends) becomes LF; CRLF stays. The length is unchanged, so every offset still points at the
 * same character, and VS Code (which breaks lines at CR, LF and CRLF) agrees on line numbers.
 */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Where the nesting first goes deeper than `limit`: flow brackets plus block indentation levels and `- ` markers. */
export function findExcessiveNesting(text: string, limit = MAX_NESTING_DEPTH): { offset: number; depth: number } | undefined {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const block = flow > 0 ? indents.length : blockDepth(text, lineStart, lineEnd, indents);
    const excess = scanFlow(text, lineStart, lineEnd, flow, limit - block);
    if (typeof excess === 'object') return { offset: excess.offset, depth: block + excess.depth };
    if (block > limit) return { offset: lineStart, depth: block };
    flow = excess;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Updates the indentation stack for one line and returns its block depth (levels + compact `- ` markers). */
function blockDepth(text: string, start: number, end: number, indents: number[]): number {
  let at = start;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  if (at >= end || text[at] === '#' || text[at] === '\r') return indents.length;
  const indent = at - start;
  while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
  indents.push(indent);
  let markers = 0;
  while (at + 1 < end && (text[at] === '-' || text[at] === '?') && (text[at + 1] === ' ' || text[at + 1] === '\t')) {
    markers++;
    at += 2;
    while (at < end && text[at] === ' ') at++;
  }
  return indents.length + markers;
}

/**
 * Counts flow brackets on one line outside quotes and comments. Returns the depth at the line's end, or where it
 * first exceeded `room`. Quoted strings spanning lines are rare in model files; missing one only makes this count
 * differently, and the parser's own error stays the backstop.
 */
function scanFlow(text: string, start: number, end: number, depth: number, room: number): number | { offset: number; depth: number } {
  let quote: string | undefined;
  for (let at = start; at < end; at++) {
    const c = text[at];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') at++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (at === start || text[at - 1] === ' ' || text[at - 1] === '\t')) break;
    if ((c === '"' || c === "'") && (at === start || ' \t[{,:'.includes(text[at - 1] ?? ''))) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > room) return { offset: at, depth };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return depth;
}
