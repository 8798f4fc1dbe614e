import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { holds, parseExpectations } from './expectation';

test('expect lines: every comparison spelling, several lines, only the top comment', () => {
  const text = `# Teaches: something.
# expect: val_accuracy ≥ 0.9 after 3 epochs
#   expect: val_loss <= 0.35 after 3 epochs
# expect: loss < 1e-2 after 1 epoch
name: x
# expect: accuracy > 2 after 3 epochs
`;
  const parsed = parseExpectations(text);
  assert.deepEqual(parsed.map((e) => [e.metric, e.op, e.value, e.epochs]),
    [['val_accuracy', '≥', 0.9, 3], ['val_loss', '≤', 0.35, 3], ['loss', '<', 0.01, 1]]);
  assert.equal(holds(parsed[0]!, 0.9), true);
  assert.equal(holds(parsed[0]!, 0.89), false);
  assert.equal(holds(parsed[1]!, 0.36), false);
  assert.equal(holds(parsed[2]!, 0.01), false);
});

test('expect lines: a malformed one is an error, a file without one has none', () => {
  assert.throws(() => parseExpectations('# expect: val_accuracy about 0.9\nname: x\n'), /does not read/);
  assert.deepEqual(parseExpectations('# Teaches: x\nname: x\n'), []);
});
