import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diagnoseRun, modelFacts } from '../../../runtime/doctor';
import { convergenceSteps, diagnoseBatchNormStatistics } from '../../../runtime/doctor/batch-norm';
import { diagnoseDeadRelus } from '../../../runtime/doctor/dead-relus';
import { diagnoseFlatLoss } from '../../../runtime/doctor/flat-loss';
import { diagnoseGradientFlow } from '../../../runtime/doctor/gradient-flow';
import { diagnoseOverfitting } from '../../../runtime/doctor/overfitting';
import { epochs, FACTS, layer, stats } from './synthetic-run';

// The resnet-block sample with Keras's momentum: train accuracy climbs, validation stays at chance, 255 steps.
const BN_AT_CHANCE = epochs([
  { loss: 2.0, accuracy: 0.3, val_loss: 2.4, val_accuracy: 0.09 },
  { loss: 1.4, accuracy: 0.55, val_loss: 2.5, val_accuracy: 0.1 },
  { loss: 1.1, accuracy: 0.64, val_loss: 2.6, val_accuracy: 0.087 },
], 85);

test('doctor: batch-norm moving statistics not converged (val at chance, train learns, steps < 5/(1−momentum))', () => {
  assert.equal(convergenceSteps(0.99), 500);
  const found = diagnoseBatchNormStatistics({ rows: BN_AT_CHANCE, facts: { ...FACTS, batchNormMomentum: 0.99 } });
  assert.equal(found?.kind, 'batchNormStatistics');
  assert.match(found?.detail ?? '', /255/);
  assert.deepEqual(found?.fix, { kind: 'setBatchNormMomentum', momentum: 0.9, title: 'Set batchNormalization momentum to 0.9' });
});

test('doctor: no batch-norm diagnosis without BN, with enough steps, or when validation learns', () => {
  assert.equal(diagnoseBatchNormStatistics({ rows: BN_AT_CHANCE, facts: FACTS }), undefined, 'no BN layer');
  assert.equal(diagnoseBatchNormStatistics({ rows: BN_AT_CHANCE, facts: { ...FACTS, batchNormMomentum: 0.9 } }), undefined, '255 ≥ 50 steps');
  const learns = epochs([{ loss: 1, accuracy: 0.6, val_loss: 1.1, val_accuracy: 0.58 }], 85);
  assert.equal(diagnoseBatchNormStatistics({ rows: learns, facts: { ...FACTS, batchNormMomentum: 0.99 } }), undefined);
});

test('doctor: more than half dead ReLUs in a layer, with a learning-rate fix when the rate is high', () => {
  const layerStats = stats([layer('c1', { zeroFraction: 0.97, deadFraction: 0.93 }), layer('d1', { zeroFraction: 0.6, deadFraction: 0.4 }),
    layer('out', { deadFraction: 0.99 })]);
  const found = diagnoseDeadRelus({ rows: [], layerStats, facts: { ...FACTS, learningRate: 0.1 } });
  assert.equal(found?.kind, 'deadRelus');
  assert.match(found?.title ?? '', /c1 \(93%\)/);
  assert.doesNotMatch(found?.title ?? '', /out \(|d1/, 'only ReLU layers above 50%');
  assert.deepEqual(found?.fix, { kind: 'setLearningRate', learningRate: 0.001, title: 'Set learningRate to 0.001' });
});

test('doctor: no dead-ReLU diagnosis when every ReLU layer is mostly alive', () => {
  // Half the elements 0 is a healthy ReLU (after batch normalisation); only units 0 on every example are dead.
  const layerStats = stats([layer('c1', { zeroFraction: 0.6, deadFraction: 0.1 }), layer('d1', { zeroFraction: 0.55, deadFraction: 0.5 })]);
  assert.equal(diagnoseDeadRelus({ rows: [], layerStats, facts: FACTS }), undefined);
  assert.equal(diagnoseDeadRelus({ rows: [], facts: FACTS }), undefined, 'no layer-stats.json yet');
});

test('doctor: vanishing and exploding gradient norms between the first and the last weighted layer', () => {
  const vanishing = stats([layer('c1', { gradientNorm: 1e-7 }), layer('pool', { weightNorm: 0, gradientNorm: 0 }), layer('out', { gradientNorm: 0.2 })]);
  assert.equal(diagnoseGradientFlow({ rows: [], layerStats: vanishing, facts: FACTS })?.kind, 'vanishingGradients');
  const exploding = stats([layer('c1', { gradientNorm: 5e3 }), layer('out', { gradientNorm: 0.5 })]);
  assert.equal(diagnoseGradientFlow({ rows: [], layerStats: exploding, facts: FACTS })?.kind, 'explodingGradients');
  const infinite = stats([layer('c1', { gradientNorm: 0.1 }), layer('out', { gradientNorm: Infinity })]);
  assert.equal(diagnoseGradientFlow({ rows: [], layerStats: infinite, facts: FACTS })?.kind, 'explodingGradients');
});

test('doctor: healthy gradient flow is not diagnosed', () => {
  const healthy = stats([layer('c1', { gradientNorm: 0.02 }), layer('d1', { gradientNorm: 0.3 }), layer('out', { gradientNorm: 0.6 })]);
  assert.equal(diagnoseGradientFlow({ rows: [], layerStats: healthy, facts: FACTS }), undefined);
});

test('doctor: a loss flat for 3 epochs at a learning rate far from the default, with a fix to the default', () => {
  const flat = epochs([{ loss: 2.4 }, { loss: 2.302 }, { loss: 2.303 }, { loss: 2.302 }]);
  const found = diagnoseFlatLoss({ rows: flat, facts: { ...FACTS, learningRate: 0.5 } });
  assert.equal(found?.kind, 'flatLoss');
  assert.match(found?.title ?? '', /too high/);
  assert.deepEqual(found?.fix, { kind: 'setLearningRate', learningRate: 0.001, title: 'Set learningRate to 0.001' });
  assert.match(diagnoseFlatLoss({ rows: flat, facts: { ...FACTS, learningRate: 1e-6 } })?.title ?? '', /too low/);
});

test('doctor: no flat-loss diagnosis at the default rate or while the loss falls', () => {
  const flat = epochs([{ loss: 2.302 }, { loss: 2.303 }, { loss: 2.302 }]);
  assert.equal(diagnoseFlatLoss({ rows: flat, facts: FACTS }), undefined, 'flat, but at the default rate');
  const falling = epochs([{ loss: 2.3 }, { loss: 1.9 }, { loss: 1.5 }]);
  assert.equal(diagnoseFlatLoss({ rows: falling, facts: { ...FACTS, learningRate: 0.5 } }), undefined);
});

test('doctor: overfitting — validation loss rising 3 epochs while training loss falls, with dropout and early stopping', () => {
  const rows = epochs([0.9, 0.6, 0.45, 0.35, 0.3].map((loss, i) => ({ loss, val_loss: [0.95, 0.7, 0.72, 0.8, 0.9][i]! })));
  const found = diagnoseOverfitting({ rows, facts: FACTS });
  assert.equal(found?.kind, 'overfitting');
  assert.match(found?.detail ?? '', /epoch 2/, 'names the best epoch');
  assert.match(found?.detail ?? '', /add a dropout layer/);
  assert.deepEqual(found?.links?.map((l) => l.label), ['Dropout', 'Early stopping']);
});

test('doctor: no overfitting when validation loss dips within the last 3 epochs or training loss rises too', () => {
  const dips = epochs([0.9, 0.6, 0.45, 0.35, 0.3].map((loss, i) => ({ loss, val_loss: [0.95, 0.7, 0.8, 0.75, 0.9][i]! })));
  assert.equal(diagnoseOverfitting({ rows: dips, facts: FACTS }), undefined);
  const bothRise = epochs([0.5, 0.6, 0.7, 0.8].map((loss, i) => ({ loss, val_loss: [0.5, 0.6, 0.7, 0.8][i]! })));
  assert.equal(diagnoseOverfitting({ rows: bothRise, facts: FACTS }), undefined);
});

test('doctor: model facts from a spec, and diagnoseRun collects every pattern', () => {
  const text = `name: t
input: [28, 28, 1]
layers:
  - conv2d: { filters: 4, kernel: 3, activation: relu, id: c1 }
  - batchNormalization: { momentum: 0.99 }
  - dropout: { rate: 0.1 }
  - flatten
  - dense: { units: 10, activation: softmax }
train: { optimizer: sgd }
`;
  const facts = modelFacts(text, 't.model.yaml');
  assert.deepEqual(facts, { task: 'classification', classes: 10, batchNormMomentum: 0.99, reluLayerIds: ['c1'], optimizer: 'sgd',
    learningRate: 0.01, defaultLearningRate: 0.01, hasDropout: true });
  const found = diagnoseRun({ rows: BN_AT_CHANCE, layerStats: stats([layer('c1', { deadFraction: 0.8 })]), facts: facts });
  assert.deepEqual(found.map((d) => d.kind), ['batchNormStatistics', 'deadRelus']);
});
