// Explains a loss that became NaN or infinite, naming the likely causes, most likely first.
import type { ModelSpec } from '../language';

/** The activation that produces the final output (the last layer's own, or a trailing activation layer's). */
function outputActivation(spec: ModelSpec): string | undefined {
  const last = spec.layers[spec.layers.length - 1];
  if (!last) return undefined;
  if ('activation' in last) return last.activation; // dense and the convolutions
  if (last.type === 'activation') return last.fn;
  return undefined;
}

const EXPECTED_ACTIVATION: Readonly<Record<string, string>> = {
  binaryCrossentropy: 'sigmoid',
  categoricalCrossentropy: 'softmax',
  sparseCategoricalCrossentropy: 'softmax',
};

export function nonFiniteLossMessage(spec: ModelSpec, loss: number, epoch: number, batch: number): string {
  const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
  const { learningRate, optimizer } = spec.train;
  const expected = EXPECTED_ACTIVATION[spec.train.loss];
  const actual = outputActivation(spec);
  const causes: string[] = [];
  const activationCause = expected !== undefined
    ? `a missing or wrong output activation for the loss (${spec.train.loss} needs '${expected}' on the last layer${actual !== undefined ? `, it has '${actual}'` : ''})`
    : `a missing or wrong output activation for the loss ${spec.train.loss}`;
  const activationWrong = expected !== undefined && actual !== undefined && actual !== expected;
  const rateCause = `the learning rate is too high (${optimizer} with learningRate ${learningRate}; try 10× lower)`;
  const dataCause = 'bad or unscaled data (huge or non-finite input values; standardise the features)';
  if (activationWrong) causes.push(activationCause, rateCause, dataCause);
  else causes.push(rateCause, activationCause, dataCause);
  return `The loss became ${what} at epoch ${epoch}, batch ${batch}, so training stopped. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}.`;
}
