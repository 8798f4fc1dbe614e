// The Inspector's boundary: what its page may send is checked before the extension acts on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectorProtocol, isInspectorFromView, savedInspectorState } from '../../../extension/inspector/messages';

const protocol = inspectorProtocol({
  open: () => Promise.reject(new Error('unused')), featureMaps: () => Promise.reject(new Error('unused')),
  examples: () => Promise.reject(new Error('unused')), pickImage: () => Promise.resolve(null),
  revealLayer: () => Promise.resolve({ revealed: true }),
  attack: () => Promise.reject(new Error('unused')), robustness: () => Promise.reject(new Error('unused')),
  robustnessCurves: () => Promise.reject(new Error('unused')),
  explain: () => Promise.reject(new Error('unused')), maximize: () => Promise.reject(new Error('unused')),
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

test('Adversarial view requests: ε ≥ 0, fgsm or pgd, a class or null as target, a whole number of samples', () => {
  const key = { runDir: '/runs/a', epoch: null };
  const input = { kind: 'example', index: 0 };
  assert.ok(protocol.params.attack({ ...key, input, attack: 'fgsm', epsilon: 0.1, target: null }));
  assert.ok(protocol.params.attack({ ...key, input, attack: 'pgd', epsilon: 0, steps: 10, target: 3 }));
  assert.equal(protocol.params.attack({ ...key, input, attack: 'cw', epsilon: 0.1, target: null }), false);
  assert.equal(protocol.params.attack({ ...key, input, attack: 'fgsm', epsilon: -0.1, target: null }), false);
  assert.equal(protocol.params.attack({ ...key, input, attack: 'fgsm', epsilon: 0.1, target: 1.5 }), false);
  assert.ok(protocol.params.robustness({ ...key, attack: 'pgd', epsilons: [0, 0.1], samples: 500, transferFrom: { runDir: '/runs/b', epoch: null } }));
  assert.ok(protocol.params.robustness({ ...key, attack: 'fgsm', epsilons: [0.1], samples: 50, transform: { median: 3 } }));
  assert.equal(protocol.params.robustness({ ...key, attack: 'fgsm', epsilons: [Number.NaN], samples: 5 }), false);
  assert.equal(protocol.params.robustness({ ...key, attack: 'fgsm', epsilons: [0.1], samples: 5, transferFrom: '/runs/b' }), false);
  assert.equal(protocol.params.robustnessCurves({ runDir: 3 }), false);
});
