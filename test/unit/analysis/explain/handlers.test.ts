// The runtime's explain and maximize requests on the shared session cache: results for a validation example (with
// its label), a baseline for IG, cancellation between chunks (answered with `cancelled`, nothing leaks), and a clear
// error for an unknown session.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadRun, SessionCache } from '../../../../runtime/analysis';
import { createExplainHandlers } from '../../../../runtime/analysis/explain/handlers';
import { selectBackend } from '../../../../runtime/backends';
import { RESULT_GUARDS } from '../../../../extension/runtime/runtime-messages';
import { CancellationToken } from '../../../../runtime/ipc/cancellation';
import { TESTED_BACKENDS } from '../../backends/helpers';
import { tempDir, writeRun } from '../fixtures';

const CNN = `name: tiny
task: classification
input: [8, 8, 1]
data: { source: shapes, samples: 40, validationSplit: 0.25 }
layers:
  - conv2d: { id: c1, filters: 3, kernel: 3, activation: relu }
  - maxPool2d: { id: p1, pool: 2 }
  - flatten
  - dense: { id: out, units: 3, activation: softmax }
train: { seed: 9 }
`;

/** A request context without progress reporting. */
const contextOf = (token: CancellationToken) => ({ token, progress: (): void => undefined });

// cpu and wasm always; webgpu too when LAYERLENS_TEST_WEBGPU=1: every method reads asynchronously, as webgpu needs.
for (const backend of TESTED_BACKENDS) {
  test(`${backend}: explain and maximize requests: example inputs with labels, cancel between chunks, no leaks`, async () => {
    await selectBackend({ preference: backend, nodeModuleDirs: [] });
    const { runDir } = await writeRun(tempDir(), 'tiny', CNN);
    const cache = new SessionCache((dir, epoch) => loadRun(dir, { assetsDir: '/nonexistent', ...(epoch !== undefined ? { epoch } : {}) }));
    const handlers = createExplainHandlers(cache);
    const session = await cache.open(runDir, undefined);
    const none = contextOf(CancellationToken.none);
    const first = await handlers.explain({ sessionId: session.id, input: { example: 2 }, method: 'gradcam' }, none);
    const start = tf.memory().numTensors;
    const result = await handlers.explain({ sessionId: session.id, input: { example: 2 }, method: 'gradcam', classIndex: 1 }, none);
    assert.equal(result.layer, 'p1');
    assert.equal(result.classIndex, 1);
    assert.deepEqual(result.map.shape, [3, 3]);
    assert.deepEqual(result.input.shape, [8, 8, 1]);
    assert.equal(typeof result.label, 'number');
    assert.deepEqual(result.logits, first.logits);
    assert.ok(RESULT_GUARDS.explain(result), 'the extension host accepts the result at its boundary');

    const baseline = { shape: [8, 8, 1], data: new Float32Array(64).fill(0.5) };
    const ig = await handlers.explain({ sessionId: session.id, input: { example: 2 }, method: 'ig', steps: 40, baseline }, none);
    assert.ok(ig.gapPercent !== undefined);
    const x = result.input.data;
    // Attributions vanish exactly where the input equals the baseline; elsewhere they are what IG says.
    ig.map.data.forEach((v, i) => { if (x[i] === 0.5) assert.equal(v, 0); });

    const token = new CancellationToken();
    const cancelled = handlers.explain({ sessionId: session.id, input: { example: 2 }, method: 'ig', steps: 400 }, contextOf(token));
    token.cancel();
    await assert.rejects(cancelled, /cancelled/);
    const stopped = new CancellationToken();
    const ascent = handlers.maximize({ sessionId: session.id, target: { classIndex: 0 }, steps: 1000 }, contextOf(stopped));
    setTimeout(() => stopped.cancel(), 20);
    await assert.rejects(ascent, /cancelled/);
    assert.equal(tf.memory().numTensors, start, 'no tensors leak, cancelled requests included');

    const reported: [number, number][] = [];
    const ascended = await handlers.maximize({ sessionId: session.id, target: { layerId: 'c1', channel: 2 }, steps: 4, seed: 1 },
      { token: CancellationToken.none, progress: (done, total) => { reported.push([done, total]); } });
    assert.equal(ascended.score.length, 4);
    assert.deepEqual(reported, [[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]], 'progress before every step and at the end');
    assert.ok(RESULT_GUARDS.maximize(ascended), 'the extension host accepts the result at its boundary');
    assert.ok(!RESULT_GUARDS.explain({ ...result, map: { shape: [3, 3], data: [1, 2] } }), 'a plain array is not a map');
    await assert.rejects(handlers.maximize({ sessionId: session.id, target: { layerId: 'zz', channel: 0 } }, none), /unknown layer 'zz'/);
    await assert.rejects(handlers.explain({ sessionId: 'nope', input: { example: 0 }, method: 'saliency' }, none), /no open analysis session/);
    cache.clear();
  });
}
