// The Inspector's boundary: what its page may send is checked before the extension acts on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectorProtocol, isInspectorFromView, savedInspectorState } from '../../../extension/inspector/messages';

const protocol = inspectorProtocol({
  open: () => Promise.reject(new Error('unused')), featureMaps: () => Promise.reject(new Error('unused')),
  examples: () => Promise.reject(new Error('unused')), pickImage: () => Promise.resolve(null),
  revealLayer: () => Promise.resolve({ revealed: true }),
});

test('feature-map requests need a session key, layer ids and a well-formed input', () => {
  const key = { runDir: '/runs/a', epoch: 2 };
  assert.ok(protocol.params.featureMaps({ ...key, layerIds: ['c1'], input: { kind: 'example', index: 3 } }));
  const tensor = { shape: [2, 2, 1], data: new Float32Array(4) };
  assert.ok(protocol.params.featureMaps({ ...key, layerIds: [], input: { kind: 'tensor', tensor, source: 'drawn digit' } }));
  assert.equal(protocol.params.featureMaps({ ...key, layerIds: ['c1'], input: { kind: 'example', index: -1 } }), false);
  assert.equal(protocol.params.featureMaps({ ...key, layerIds: ['c1'],
    input: { kind: 'tensor', tensor: { shape: [2, 2, 1], data: new Float32Array(3) }, source: 'x' } }), false, 'data must fill the shape');
  assert.equal(protocol.params.featureMaps({ runDir: '/runs/a', epoch: 'final', layerIds: [], input: { kind: 'example', index: 0 } }), false);
  assert.equal(protocol.params.open({ runDir: '/runs/a', epoch: null }), true);
});

test('plain messages and the saved state are checked; unknown ones are refused', () => {
  assert.ok(isInspectorFromView({ type: 'runChanged', runDir: '/runs/b' }));
  assert.equal(isInspectorFromView({ type: 'runChanged', runDir: 4 }), false);
  assert.equal(isInspectorFromView({ type: 'deleteEverything' }), false);
  assert.equal(savedInspectorState({ runDir: '/runs/a' }), undefined, 'no model file: the serializer cannot restore it');
  assert.deepEqual(savedInspectorState({ modelFile: '/m.model.yaml', runDir: '/runs/a', epoch: 'x', view: 'nope', example: 2.5 }), {
    modelFile: '/m.model.yaml', runDir: '/runs/a', epoch: null, view: 'featureMaps', example: 0, normalisation: 'channel',
    misclassifiedOnly: false,
  });
});
