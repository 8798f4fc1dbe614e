// ModelFacts from a model file's text (a run's spec.yaml), through the same checker the editor uses.
import { checkModel } from '../language/check';
import { DEFAULT_LEARNING_RATE } from '../language/parse-sections';
import type { ModelFacts } from './types';

/** Undefined when the file does not check (then there is no trained run to diagnose either). */
export function modelFacts(text: string, fileName: string): ModelFacts | undefined {
  const checked = checkModel(text, fileName);
  const spec = checked.spec;
  if (!spec) return undefined;
  const momenta = spec.layers.flatMap((l) => (l.type === 'batchNormalization' ? [l.momentum] : []));
  const reluLayerIds = spec.layers.flatMap((l) => {
    const relu = l.type === 'activation' ? l.fn === 'relu' : 'activation' in l && l.activation === 'relu';
    return relu ? [l.id] : [];
  });
  const output = checked.outputShape;
  const classes = spec.task === 'classification' && output && output.length === 1 ? output[0] : undefined;
  return {
    task: spec.task,
    ...(classes !== undefined ? { classes } : {}),
    ...(momenta.length > 0 ? { batchNormMomentum: Math.max(...momenta) } : {}),
    reluLayerIds,
    optimizer: spec.train.optimizer,
    learningRate: spec.train.learningRate,
    defaultLearningRate: DEFAULT_LEARNING_RATE[spec.train.optimizer],
    hasDropout: spec.layers.some((l) => l.type === 'dropout'),
  };
}
