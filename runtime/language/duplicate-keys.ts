// Duplicate map keys in one pass over the document. The `yaml` parser's own check (`uniqueKeys`) compares every key
// with every other key of its map: 84 s for a 100,000-key file (issue 11). It is turned off and replaced by this.
import { isMap, isPair, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import { scalarText, type SourceContext } from './source';

export function reportDuplicateKeys(ctx: SourceContext, doc: Document.Parsed): void {
  // An explicit stack: the document may be as deep as the nesting limit allows, and recursion is what we avoid.
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const seen = new Map<string, Scalar>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        pending.push(item.value);
        if (!isScalar(item.key)) continue;
        const name = scalarText(item.key.value);
        const first = seen.get(name);
        if (!first) {
          seen.set(name, item.key);
          continue;
        }
        const line = ctx.rangeOf(first).start.line + 1;
        ctx.report('error', 'syntax', `Map keys must be unique: '${shorten(name)}' is already on line ${line}`, ctx.rangeOf(item.key));
      }
    }
  }
}

function shorten(name: string): string {
  return name.length > 40 ? `${name.slice(0, 37)}...` : name;
}
