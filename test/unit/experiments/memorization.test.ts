// The memorization sample (Zhang et al. 2017): with shuffled labels LeNet fits its training set while validation
// stays near chance. A short seeded run of the sample itself must show the direction.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { recordingTrainer, workspace } from '../training/helpers';

test('wasm: memorization.model.yaml reaches a training accuracy far above its validation accuracy', async () => {
  const assetsDir = mkdtempSync(join(tmpdir(), 'layerlens-memorization-assets-'));
  const ws = workspace();
  try {
    const packed = spawnSync(process.execPath, [resolve('scripts/pack-mnist.mjs'), assetsDir], { encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const file = resolve('samples/memorization.model.yaml');
    const recorder = recordingTrainer(ws, { assetsDir });
    const result = await recorder.run(file, readFileSync(file, 'utf8'), 'wasm');
    assert.equal(result.status, 'completed', result.message);
    const train = result.final['accuracy'] ?? Number.NaN;
    const validation = result.final['val_accuracy'] ?? Number.NaN;
    assert.ok(train > validation + 0.5, `train accuracy ${train}, validation accuracy ${validation}`);
    assert.ok(validation < 0.25, `validation accuracy ${validation} should stay near chance (0.1)`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(assetsDir, { recursive: true, force: true });
  }
});
