// The Training panel's view of a run's spec.yaml: every text is checked at most once (LRU cache), and texts over a
// bound are never parsed. A planted `.layerlens/runs/*/spec.yaml` was a second way to make the extension host wait
// (issue 11): the panel checked each run's spec on the extension host, twice per refresh.
import { checkModel, type ModelSpec } from '../../runtime/language';

/** Run specs are copies of model files that trained; larger ones are not compared (a check stays well under 0.2 s). */
export const MAX_SPEC_TEXT = 256 * 1024;
const CACHED_TEXTS = 64;

const cache = new Map<string, ModelSpec | null>();

/** The spec of a model text, or undefined when it has errors or is over `MAX_SPEC_TEXT`. */
export function cachedSpec(text: string, fileName: string): ModelSpec | undefined {
  if (text.length > MAX_SPEC_TEXT) return undefined;
  const key = `${fileName}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // re-insert: most recently used last
    cache.set(key, hit);
    return hit ?? undefined;
  }
  const spec = checkModel(text, fileName).spec ?? null;
  cache.set(key, spec);
  if (cache.size > CACHED_TEXTS) cache.delete(cache.keys().next().value ?? key);
  return spec ?? undefined;
}
