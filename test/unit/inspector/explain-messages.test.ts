// The Explain view's request at the extension's boundary: a session key, a well-formed input, a known method, and
// an optional layer id and whole class index; anything else is refused before the runtime is asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectorProtocol } from '../../../extension/inspector/messages';

const unused = (): Promise<never> => Promise.reject(new Error('unused'));
const protocol = inspectorProtocol({
  open: unused, featureMaps: unused, examples: unused, pickImage: unused, revealLayer: unused, explain: unused,
  attack: unused, robustness: unused, robustnessCurves: unused, maximize: unused,
});

test('explain requests need a session key, an input and a known method; layer and class are optional', () => {
  const base = { runDir: '/runs/a', epoch: null, input: { kind: 'example', index: 0 } };
  assert.ok(protocol.params.explain({ ...base, method: 'gradcam' }));
  assert.ok(protocol.params.explain({ ...base, method: 'lrp-zplus', layerId: 'c3', classIndex: 4 }));
  assert.ok(!protocol.params.explain({ ...base, method: 'gradcam++' }), 'unknown method');
  assert.ok(!protocol.params.explain({ ...base, method: 'ig', classIndex: -1 }), 'negative class');
  assert.ok(!protocol.params.explain({ ...base, method: 'ig', classIndex: 1.5 }), 'fractional class');
  assert.ok(!protocol.params.explain({ ...base, method: 'saliency', layerId: 3 }), 'layer id not a string');
  assert.ok(!protocol.params.explain({ runDir: '/runs/a', epoch: null, method: 'gradcam' }), 'no input');
});

test('maximize requests need a session key, a class or a layer with a channel, whole steps ≥ 1 and a seed', () => {
  const key = { runDir: '/runs/a', epoch: 1 };
  assert.ok(protocol.params.maximize({ ...key, target: { classIndex: 3 }, steps: 100, seed: 0 }));
  assert.ok(protocol.params.maximize({ ...key, target: { layerId: 'c3', channel: 5 }, steps: 1, seed: 7 }));
  assert.ok(!protocol.params.maximize({ ...key, target: { classIndex: 3 }, steps: 0, seed: 0 }), 'no steps');
  assert.ok(!protocol.params.maximize({ ...key, target: { classIndex: 3 }, steps: 1e9, seed: 0 }), 'far too many steps');
  assert.ok(!protocol.params.maximize({ ...key, target: { layerId: 'c3' }, steps: 10, seed: 0 }), 'layer without a channel');
  assert.ok(!protocol.params.maximize({ ...key, target: { classIndex: -2 }, steps: 10, seed: 0 }), 'negative class');
  assert.ok(!protocol.params.maximize({ ...key, target: { classIndex: 1 }, steps: 10 }), 'no seed');
});
