/**
 * The `# expect:` lines of a sample's top comment: what the sample teaches, as a checkable result at its defaults.
 *
 *   # expect: <metric> <op> <number> after <epochs> epochs
 *
 * metric: a key of the last epoch row of metrics.jsonl (`val_accuracy`, `val_loss`, `accuracy`, `loss`, …);
 * op: `≥` `>=` `≤` `<=` `>` `<`; epochs: the sample's own `train.epochs` (so the comment cannot drift from it).
 * A sample may have several lines; all must hold. Only the comment block before the first key counts.
 */
export type Comparison = '≥' | '≤' | '>' | '<';

export interface Expectation {
  readonly metric: string;
  readonly op: Comparison;
  readonly value: number;
  readonly epochs: number;
  /** The line as written, for messages. */
  readonly text: string;
}

const LINE = /^#\s*expect:\s*([A-Za-z_][\w]*)\s*(≥|>=|≤|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s+after\s+(\d+)\s+epochs?\s*$/;
const OPS: Readonly<Record<string, Comparison>> = { '≥': '≥', '>=': '≥', '≤': '≤', '<=': '≤', '>': '>', '<': '<' };

/** Parses the expectations of a sample file; throws on an `# expect:` line that does not follow the grammar. */
export function parseExpectations(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    if (!/^#\s*expect:/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`"${line}" does not read "# expect: <metric> <≥|≤|>|<> <number> after <N> epochs"`);
    const [, metric = '', op = '', value = '', epochs = ''] = match;
    expectations.push({ metric, op: OPS[op] ?? '≥', value: Number(value), epochs: Number(epochs), text: line });
  }
  return expectations;
}

/** Whether `actual` satisfies the expectation. */
export function holds(expectation: Expectation, actual: number): boolean {
  switch (expectation.op) {
    case '≥': return actual >= expectation.value;
    case '≤': return actual <= expectation.value;
    case '>': return actual > expectation.value;
    case '<': return actual < expectation.value;
    default: {
      const unknown: never = expectation.op;
      throw new Error(`unknown comparison ${String(unknown)}`);
    }
  }
}
