// Bounded disk: the last K checkpoints plus the best one stay, the others are deleted and reported (issue 11: a
// LeNet wrote 513 checkpoints, 377 MB, in 3 minutes).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { epochsToKeep, pruneCheckpoints } from '../../../runtime/runs/checkpoint-retention';
import { BestEpoch } from '../../../runtime/training/best-epoch';

test('the newest K and the best epoch are kept', () => {
  assert.deepEqual([...epochsToKeep([1, 2, 3, 4, 5, 6], 3, 2)].sort(), [2, 4, 5, 6]);
  assert.deepEqual([...epochsToKeep([1, 2, 3, 4, 5, 6], 3, 5)].sort(), [4, 5, 6]);
  assert.deepEqual([...epochsToKeep([1, 2], 3, undefined)].sort(), [1, 2]);
  assert.deepEqual([...epochsToKeep([7, 8, 9], 1, 99)].sort(), [9], 'a best epoch no longer on disk is not invented');
});

test('pruning deletes the other checkpoint folders and says which', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'layerlens-prune-'));
  for (let epoch = 1; epoch <= 8; epoch++) mkdirSync(join(runDir, 'checkpoints', `epoch-${epoch}`), { recursive: true });
  const result = pruneCheckpoints(runDir, 3, 2);
  assert.deepEqual(result.pruned, [1, 3, 4, 5]);
  assert.deepEqual(result.kept, [2, 6, 7, 8]);
  assert.deepEqual(readdirSync(join(runDir, 'checkpoints')).sort(), ['epoch-2', 'epoch-6', 'epoch-7', 'epoch-8']);
});

test('the best epoch: highest validation accuracy, else lowest validation loss, else lowest loss', () => {
  const accuracy = new BestEpoch([
    { epoch: 1, values: { loss: 1, val_loss: 1, val_accuracy: 0.5 } },
    { epoch: 2, values: { loss: 0.5, val_loss: 0.9, val_accuracy: 0.8 } },
    { epoch: 3, values: { loss: 0.2, val_loss: 0.7, val_accuracy: 0.7 } },
  ]);
  assert.equal(accuracy.epoch, 2);
  assert.equal(new BestEpoch([{ epoch: 1, values: { val_loss: 2 } }, { epoch: 2, values: { val_loss: 1 } }, { epoch: 3, values: { val_loss: Number.NaN } }]).epoch, 2);
  assert.equal(new BestEpoch([{ epoch: 1, values: { loss: 0.3 } }, { epoch: 2, values: { loss: 0.4 } }]).epoch, 1);
});
