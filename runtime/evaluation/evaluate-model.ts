// Evaluates a prepared run's model on its validation split, in inference mode (model.predict, as model.evaluate
// does for `val_*`), and builds the Evaluation for its task. Callers own nothing extra: every tensor is disposed here.
import type { PreparedRun } from '../training/prepare';
import { evaluateClassification } from './evaluate-classification';
import { evaluateRegression } from './evaluate-regression';
import { evaluateSegmentation } from './evaluate-segmentation';
import { predictFlat } from './predict';
import type { Evaluation } from './report';

export interface EvaluationTarget {
  /** Epochs the weights were trained for. */
  readonly epoch: number;
  readonly weights: 'final' | 'checkpoint';
}

export async function evaluatePrepared(prepared: PreparedRun, target: EvaluationTarget): Promise<Evaluation> {
  const { dataset } = prepared;
  const common = { epoch: target.epoch, weights: target.weights, count: dataset.validation.size };
  const outputs = await predictFlat(prepared, dataset.validation.xs);
  switch (prepared.spec.task) {
    case 'classification': return evaluateClassification(prepared, outputs, common);
    case 'regression': return evaluateRegression(prepared, outputs, common);
    case 'segmentation': return evaluateSegmentation(prepared, outputs, common);
    case 'reconstruction':
    case 'gan':
      throw new Error(`evaluation covers classification, regression and segmentation, not ${prepared.spec.task}`);
    default: {
      const unknown: never = prepared.spec.task;
      throw new Error(`cannot evaluate task ${String(unknown)}`);
    }
  }
}

export type CommonFields = Pick<Evaluation, 'epoch' | 'weights' | 'count'>;
export type { ModelOutputs } from './predict';
