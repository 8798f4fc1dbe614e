import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyDoctorFix } from '../../../runtime/doctor/apply-fix';

const YAML = `# A model. Comments stay.
name: bn
input: [8, 8, 1]
layers:
  - conv2d: { filters: 2, kernel: 3 }
  - batchNormalization
  - conv2d: { filters: 2, kernel: 3 }
  - batchNormalization: {}
  - batchNormalization: { id: bn3, momentum: 0.99 }
  - batchNormalization:
      id: bn4
      epsilon: 0.01
  - flatten
  - dense: { units: 3, activation: softmax }
train: { epochs: 2, optimizer: sgd, learningRate: 0.5 }
`;

test('fix: batchNormalization momentum in every YAML spelling (bare, {}, flow map, block map)', () => {
  const fixed = applyDoctorFix(YAML, 'bn.model.yaml', { kind: 'setBatchNormMomentum', momentum: 0.9, title: '' });
  assert.ok(fixed);
  assert.match(fixed, /^# A model\. Comments stay\./);
  assert.match(fixed, /\n {2}- batchNormalization: \{ momentum: 0\.9 \}\n {2}- conv2d/);
  assert.match(fixed, /- batchNormalization: \{ id: bn3, momentum: 0\.9 \}/);
  assert.match(fixed, /- batchNormalization:\n {6}momentum: 0\.9\n {6}id: bn4\n {6}epsilon: 0\.01\n/);
});

test('fix: learning rate in a flow train section, a block one, and none', () => {
  const flow = applyDoctorFix(YAML, 'bn.model.yaml', { kind: 'setLearningRate', learningRate: 0.01, title: '' });
  assert.match(flow ?? '', /train: \{ epochs: 2, optimizer: sgd, learningRate: 0\.01 \}/);
  const block = YAML.replace(/train: .*\n/, 'train:\n  epochs: 2\n  optimizer: sgd\n');
  assert.match(applyDoctorFix(block, 'bn.model.yaml', { kind: 'setLearningRate', learningRate: 0.01, title: '' }) ?? '',
    /train:\n {2}learningRate: 0\.01\n {2}epochs: 2/);
  const none = YAML.replace(/train: .*\n/, '');
  assert.match(applyDoctorFix(none, 'bn.model.yaml', { kind: 'setLearningRate', learningRate: 0.01, title: '' }) ?? '',
    /\ntrain: \{ learningRate: 0\.01 \}\n$/);
});

test('fix: JSON model files, and a fix that cannot take is refused', () => {
  const json = JSON.stringify({ input: [4], layers: ['batchNormalization', { dense: { units: 2, activation: 'softmax' } }], train: { learningRate: 1 } });
  const fixed = applyDoctorFix(json, 'm.model.json', { kind: 'setBatchNormMomentum', momentum: 0.9, title: '' });
  assert.deepEqual((JSON.parse(fixed ?? '{}') as { layers: unknown[] }).layers[0], { batchNormalization: { momentum: 0.9 } });
  assert.equal(applyDoctorFix('name: x\ninput: [2]\nlayers:\n  - dense: { units: 2 }\n', 'x.model.yaml',
    { kind: 'setBatchNormMomentum', momentum: 0.9, title: '' }), undefined, 'no batchNormalization layer to fix');
});
