// The Inspector command's optional third argument: which validation example (and checkpoint epoch) to show, e.g. from
// a thumbnail of the Training panel's Evaluation section. Checked here, at the command boundary (commands can be run
// by other extensions and keybindings with anything as arguments). No vscode import, so it is unit-tested directly.
import type { InspectFocus } from '../../webviews/inspector/protocol';
import { isRecord } from '../util/guards';

const isWhole = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * `{ example: N, epoch?: E | null }` → the focus (epoch absent or null: the final model); absent → no focus; anything
 * else → a one-line error naming what is wrong.
 */
export function parseInspectFocus(value: unknown): { focus?: InspectFocus; error?: string } {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return { error: `the example to inspect must be an object { example, epoch? }, got ${typeof value}` };
  const { example, epoch } = value;
  if (!isWhole(example)) return { error: `example must be a validation index (a whole number ≥ 0), got ${JSON.stringify(example)}` };
  if (!(epoch === undefined || epoch === null || isWhole(epoch))) return { error: `epoch must be a checkpoint epoch (a whole number ≥ 0) or null, got ${JSON.stringify(epoch)}` };
  return { focus: { example, epoch: epoch ?? null } };
}
