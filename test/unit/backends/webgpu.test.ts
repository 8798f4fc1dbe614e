// Explicit webgpu. With LAYERLENS_TEST_WEBGPU=1 (CI sets it after `eval "$(bash .ci/setup-lavapipe.sh
// .tools/lavapipe)"`) an adapter must exist and the test fails otherwise; without it, an explicit webgpu
// request must either work or reject with a webgpu reason, never fall back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, selectBackend } from '../../../runtime/backends';
import { WEBGPU_ENABLED, assertAllClose, valuesOf } from './helpers';

test('explicit webgpu works (LAYERLENS_TEST_WEBGPU=1) or rejects with a webgpu reason', async () => {
  await selectBackend({ preference: 'cpu', nodeModuleDirs: [] });
  try {
    const selection = await selectBackend({ preference: 'webgpu', nodeModuleDirs: [] });
    assert.equal(selection.backend, 'webgpu');
    assert.equal(tf.getBackend(), 'webgpu');
    assert.ok(selection.device.length > 0);
    assert.ok(selection.versions['tfjs-backend-webgpu']);
    const [product] = await valuesOf(() => [tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]))]);
    assertAllClose(product ?? [], [19, 22, 43, 50], 1e-6, 'webgpu matMul');
  } catch (error) {
    if (WEBGPU_ENABLED) throw error;
    assert.ok(error instanceof BackendUnavailableError, String(error));
    assert.equal(error.reasons.length, 1);
    assert.match(error.reasons[0] ?? '', /^webgpu: /);
    assert.equal(tf.getBackend(), 'cpu', 'no silent fallback');
  }
});
