// Quick fixes as pure text edits: insert a layer before another one, indented to match YAML or JSON.
import type { Position, QuickFix, TextEdit } from './types';

export type InsertableLayer = 'flatten' | 'globalAveragePooling2d';

function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/**
 * The edit that inserts `- <type>: {}` (block YAML) or `{ "<type>": {} },` (JSON / flow lists)
 * before the layer entry whose node starts at `entryStart`.
 */
export function insertLayerBeforeEdit(text: string, format: 'yaml' | 'json', entryStart: Position, type: InsertableLayer): TextEdit {
  const prefix = lineText(text, entryStart.line).slice(0, entryStart.col);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart: Position = { line: entryStart.line, col: 0 };
  if (format === 'yaml' && /^\s*-\s+$/.test(prefix)) {
    // Block list item `  - dense: …`: add a sibling line with the same dash and indentation.
    return { range: { start: lineStart, end: lineStart }, newText: `${prefix}${type}: {}${eol}` };
  }
  const item = format === 'json' ? `{ "${type}": {} }` : `{ ${type}: {} }`;
  const at: Position = entryStart;
  if (/^\s*$/.test(prefix)) {
    // The entry starts its own line: put the new entry on a line of its own with the same indentation.
    return { range: { start: at, end: at }, newText: `${item},${eol}${prefix}` };
  }
  return { range: { start: at, end: at }, newText: `${item}, ` };
}

export function insertLayerFixes(
  text: string, format: 'yaml' | 'json', entryStart: Position, beforeId: string, choices: readonly InsertableLayer[],
): QuickFix[] {
  return choices.map((type) => ({
    title: `Insert ${type} before '${beforeId}'`,
    edits: [insertLayerBeforeEdit(text, format, entryStart, type)],
  }));
}
