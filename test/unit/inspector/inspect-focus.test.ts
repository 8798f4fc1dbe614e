// Opening the Inspector on one example (a thumbnail of the Training panel's evaluation): the command's third argument
// and the Training panel's `inspect` message are checked at their boundaries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInspectFocus } from '../../../extension/inspector/inspect-focus';
import { isTrainingFromView } from '../../../extension/training-panel/messages';

test('the Inspect command takes { example, epoch? }: absent epoch or null is the final model; bad values are named', () => {
  assert.deepEqual(parseInspectFocus(undefined), {}, 'no third argument: the run as before');
  assert.deepEqual(parseInspectFocus({ example: 12 }), { focus: { example: 12, epoch: null } });
  assert.deepEqual(parseInspectFocus({ example: 0, epoch: 3 }), { focus: { example: 0, epoch: 3 } });
  assert.deepEqual(parseInspectFocus({ example: 7, epoch: null }), { focus: { example: 7, epoch: null } });
  assert.match(parseInspectFocus({ example: -1 }).error ?? '', /example must be a validation index.*-1/);
  assert.match(parseInspectFocus({ example: 1.5 }).error ?? '', /example must be/);
  assert.match(parseInspectFocus({ example: '3' }).error ?? '', /example must be.*"3"/);
  assert.match(parseInspectFocus({ example: 2, epoch: 'final' }).error ?? '', /epoch must be a checkpoint epoch/);
  assert.match(parseInspectFocus(5).error ?? '', /must be an object/);
  assert.equal(parseInspectFocus({ example: 2, epoch: -3 }).focus, undefined);
});

test('the Training panel asks to inspect a run, or one of its validation examples at an epoch', () => {
  assert.ok(isTrainingFromView({ type: 'inspect', runId: 'r1' }));
  assert.ok(isTrainingFromView({ type: 'inspect', runId: 'r1', example: 40 }));
  assert.ok(isTrainingFromView({ type: 'inspect', runId: 'r1', example: 40, epoch: 2 }));
  assert.equal(isTrainingFromView({ type: 'inspect', runId: 'r1', example: -2 }), false);
  assert.equal(isTrainingFromView({ type: 'inspect', runId: 'r1', example: 4, epoch: 'final' }), false);
  assert.equal(isTrainingFromView({ type: 'resume', runId: 'r1' }), true);
});
