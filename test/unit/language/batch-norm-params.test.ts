import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkModel } from '../../../runtime/language';
import { paramHoverMarkdown } from '../../../runtime/language/hover';

const model = (bn: string): string => `name: bn
task: classification
input: [4]
layers:
  - dense: { units: 4 }
  - ${bn}
  - dense: { units: 2, activation: softmax }
`;

test('batchNormalization: momentum and epsilon with Keras defaults, validated, documented on hover', () => {
  const defaults = checkModel(model('batchNormalization'), 'bn.model.yaml').spec?.layers[1];
  assert.deepEqual(defaults && { ...defaults }, { type: 'batchNormalization', id: 'batch_normalization_1', momentum: 0.99, epsilon: 0.001 });
  const set = checkModel(model('batchNormalization: { momentum: 0.9, epsilon: 0.00001 }'), 'bn.model.yaml').spec?.layers[1];
  assert.equal(set?.type === 'batchNormalization' && set.momentum, 0.9);
  assert.equal(set?.type === 'batchNormalization' && set.epsilon, 0.00001);
  const bad = checkModel(model('batchNormalization: { momentum: 1, epsilon: 0 }'), 'bn.model.yaml').diagnostics;
  assert.deepEqual(bad.map((d) => [d.severity, d.range.start.line]), [['error', 5], ['error', 5]], JSON.stringify(bad));
  assert.match(paramHoverMarkdown('batchNormalization', 'momentum') ?? '', /5 \/ \(1 − 0\.99\) = 500 steps.*Default: `0\.99`/);
  assert.match(paramHoverMarkdown('batchNormalization', 'epsilon') ?? '', /Default: `0\.001`/);
});
