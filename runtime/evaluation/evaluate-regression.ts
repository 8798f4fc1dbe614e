// Regression evaluation in the target's own units; for one input and one output, the fitted curve over the input's
// range and, for a model of linear dense layers only, its line y = w·x + b in data units.
import * as tf from '@tensorflow/tfjs';
import { standardise, unstandardise } from '../data';
import type { PreparedRun } from '../training/prepare';
import type { CommonFields } from './evaluate-model';
import type { ModelOutputs } from './predict';
import { predictFlat } from './predict';
import { lineThrough, linspace, regressionScores } from './regression-metrics';
import type { RegressionEvaluation } from './report';

export const MAX_REGRESSION_EXAMPLES = 2000;
const CURVE_POINTS = 101;

/** A stack of dense layers without activations (and dropout, inert at inference) computes an affine function. */
export function isLinearModel(prepared: PreparedRun): boolean {
  return prepared.spec.layers.every((layer) => (layer.type === 'dense' && layer.activation === 'linear') || layer.type === 'dropout');
}

export async function evaluateRegression(prepared: PreparedRun, outputs: ModelOutputs, common: CommonFields): Promise<RegressionEvaluation> {
  const { dataset } = prepared;
  const width = outputs.perExample;
  const scaling = dataset.targetScaling;
  const toUnits = (values: readonly number[]): number[] => (scaling ? unstandardise(values, scaling) : [...values]);
  const predictions = toUnits([...outputs.values]);
  const targets = toUnits([...((await dataset.validation.ys.data()) as Float32Array)]);
  const scores = regressionScores(predictions, targets, width);
  const kept = Math.min(dataset.validation.size, MAX_REGRESSION_EXAMPLES) * width;
  const result: RegressionEvaluation = {
    task: 'regression', ...scores, units: (scaling?.units ?? []).filter(Boolean).join(', '), ...common,
    targetNames: scaling?.names ?? Array.from({ length: width }, (_, i) => `y${i + 1}`),
    predictions: predictions.slice(0, kept), targets: targets.slice(0, kept),
  };
  if (dataset.inputShape.length !== 1 || dataset.inputShape[0] !== 1) return result;
  const features = dataset.featureScaling;
  const inUnits = (values: readonly number[]): number[] => (features ? unstandardise(values, features) : [...values]);
  const inputs = inUnits([...((await dataset.validation.xs.data()) as Float32Array)]);
  const trainInputs = inUnits([...((await dataset.train.xs.data()) as Float32Array)]);
  const all = [...inputs, ...trainInputs];
  const withInputs: RegressionEvaluation = {
    ...result, inputs: inputs.slice(0, MAX_REGRESSION_EXAMPLES),
    ...(features?.names[0] ? { inputName: features.names[0] } : {}), ...(features?.units[0] ? { inputUnits: features.units[0] } : {}),
  };
  if (width !== 1 || all.length === 0) return withInputs;
  const x = linspace(Math.min(...all), Math.max(...all), CURVE_POINTS);
  const grid = tf.tensor2d(features ? standardise(x, features) : x, [x.length, 1]);
  let y: number[];
  try {
    y = toUnits([...(await predictFlat(prepared, grid)).values]);
  } finally {
    grid.dispose();
  }
  const curve = { x, y };
  const first = x.length - 1;
  const linear = isLinearModel(prepared) && first > 0 && (x[first] ?? 0) !== (x[0] ?? 0)
    ? lineThrough(x[0] ?? 0, y[0] ?? 0, x[first] ?? 0, y[first] ?? 0) : undefined;
  return { ...withInputs, curve, ...(linear ? { linear } : {}) };
}
